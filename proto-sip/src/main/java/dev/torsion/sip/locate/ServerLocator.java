package dev.torsion.sip.locate;

import dev.torsion.defer.Deferred;
import dev.torsion.sip.parse.SipUri;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where a request for a URI goes (RFC 3263 section 4): the ordered destinations (transport, IP
 * address, port) a client tries in turn, failing over to the next on a timeout, a transport error
 * or a 503 (section 4.3).
 *
 * <ul>
 * <li>The target is the {@code maddr} parameter, else the host (section 4).</li>
 * <li>An IP literal (or {@code localhost}) needs no DNS: the {@code transport} parameter, else UDP
 *     for {@code sip:} and TLS for {@code sips:}; the port, else the transport's default (4.1, 4.2).</li>
 * <li>A host name with a port: A and AAAA, the transport as for a literal (4.1, 4.2).</li>
 * <li>A host name with a {@code transport} parameter and no port: the SRV records of that transport
 *     ({@code _sips._tcp} for TLS), else A and AAAA at the default port (4.2).</li>
 * <li>Otherwise NAPTR: records with flag {@code s} and a service this client speaks
 *     ({@code SIP+D2U}, {@code SIP+D2T}, {@code SIPS+D2T}; a {@code sips:} URI keeps only
 *     {@code SIPS+D2T}, a {@code sip:} URI keeps it when outgoing TLS is configured), by order then
 *     preference, each one's replacement asked for SRV. Without usable NAPTR records, SRV for each
 *     transport in this client's preference (UDP, TCP, then TLS; {@code _sips._tcp} alone for
 *     {@code sips:}), every one found kept. Without SRV records, A and AAAA at the default port of
 *     UDP (TLS for {@code sips:}) (4.1, 4.2).</li>
 * <li>SRV targets in RFC 2782 order, each resolved to its addresses, IPv4 first.</li>
 * </ul>
 *
 * At most {@code maxTargets} destinations are kept. Without a resolver only IP literals and
 * {@code localhost} are located; a host name gives no destination.
 */
public final class ServerLocator {
    private final SipResolver resolver;
    private final SrvOrdering ordering;
    private final boolean tlsAvailable;
    private final int maxTargets;

    /**
     * A locator asking {@code resolver} (null: literals only), ordering SRV records with
     * {@code ordering}; {@code tlsAvailable} says whether outgoing TLS is configured, so that a
     * {@code sip:} URI may be reached over TLS too.
     */
    public ServerLocator(SipResolver resolver, SrvOrdering ordering, boolean tlsAvailable, int maxTargets) {
        this.resolver = resolver;
        this.ordering = ordering;
        this.tlsAvailable = tlsAvailable;
        this.maxTargets = maxTargets;
    }

    /** The one step that needs no DNS: a destination for a literal or {@code localhost}, else null. */
    public static Destination literal(SipUri uri) {
        String host = bare(target(uri));
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        if (!isLiteral(host)) {
            return null;
        }
        TransportKind kind = explicitTransport(uri);
        if (kind == null) {
            kind = secure(uri) ? TransportKind.TLS : TransportKind.UDP;
        }
        return new Destination(kind, host, uri.port() >= 0 ? uri.port() : defaultPort(kind));
    }

    /** The destinations for {@code uri}, in the order to try them; empty when none was found. */
    public Deferred<List<Destination>> locate(SipUri uri) {
        Destination literal = literal(uri);
        if (literal != null) {
            return Deferred.succeed(List.of(literal));
        }
        if (resolver == null) {
            return Deferred.succeed(List.of());
        }
        String host = bare(target(uri)).toLowerCase(Locale.ROOT);
        TransportKind explicit = explicitTransport(uri);
        if (uri.port() >= 0) {
            TransportKind kind = explicit != null ? explicit : secure(uri) ? TransportKind.TLS : TransportKind.UDP;
            return addresses(host, kind, uri.port());
        }
        if (explicit != null) {
            return services(List.of(new Service(explicit, srvName(explicit, host))))
                    .addCallbackDeferred(found -> found.isEmpty() ? addresses(host, explicit, defaultPort(explicit))
                            : Deferred.succeed(found));
        }
        return resolver.naptr(host).addCallbackDeferred(records -> {
            List<Service> fromNaptr = usable(records, secure(uri));
            Deferred<List<Destination>> found = fromNaptr.isEmpty() ? services(probes(host, secure(uri))) : services(fromNaptr);
            TransportKind fallback = secure(uri) ? TransportKind.TLS : TransportKind.UDP;
            return found.addCallbackDeferred(destinations -> destinations.isEmpty()
                    ? addresses(host, fallback, defaultPort(fallback)) : Deferred.succeed(destinations));
        });
    }

    /** One transport at one SRV name: from a NAPTR record, or a probe without them. */
    private record Service(TransportKind kind, String srvName) {
    }

    /** Section 4.1: the NAPTR records this client can use, by order and preference. */
    private List<Service> usable(List<NaptrRecord> records, boolean secure) {
        List<NaptrRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(NaptrRecord::order).thenComparingInt(NaptrRecord::preference));
        List<Service> services = new ArrayList<>();
        for (NaptrRecord record : sorted) {
            TransportKind kind = switch (record.service().toUpperCase(Locale.ROOT)) {
                case "SIP+D2U" -> secure ? null : TransportKind.UDP;
                case "SIP+D2T" -> secure ? null : TransportKind.TCP;
                case "SIPS+D2T" -> secure || tlsAvailable ? TransportKind.TLS : null;
                default -> null;
            };
            if (kind != null && record.flags().equalsIgnoreCase("s") && !record.replacement().equals(".")) {
                services.add(new Service(kind, record.replacement()));
            }
        }
        return services;
    }

    /** Section 4.1 without NAPTR records: an SRV query per transport this client speaks. */
    private List<Service> probes(String host, boolean secure) {
        List<Service> probes = new ArrayList<>();
        if (!secure) {
            probes.add(new Service(TransportKind.UDP, srvName(TransportKind.UDP, host)));
            probes.add(new Service(TransportKind.TCP, srvName(TransportKind.TCP, host)));
        }
        if (secure || tlsAvailable) {
            probes.add(new Service(TransportKind.TLS, srvName(TransportKind.TLS, host)));
        }
        return probes;
    }

    /** Each service's SRV records in RFC 2782 order, each target's addresses, in turn. */
    private Deferred<List<Destination>> services(List<Service> services) {
        return sequence(services, service -> resolver.srv(service.srvName()).addCallbackDeferred(records ->
                sequence(ordering.order(records), srv -> addresses(srv.target(), service.kind(), srv.port()))));
    }

    private Deferred<List<Destination>> addresses(String host, TransportKind kind, int port) {
        if (isLiteral(bare(host))) {
            return Deferred.succeed(List.of(new Destination(kind, bare(host), port)));
        }
        return resolver.addresses(host).addCallback(ips -> {
            List<Destination> out = new ArrayList<>();
            for (String ip : ips) {
                out.add(new Destination(kind, ip, port));
            }
            return (List<Destination>) out;
        });
    }

    /**
     * Runs {@code step} on each item after the previous one answered, concatenating the
     * destinations, and stops once {@code maxTargets} are found.
     */
    private <T> Deferred<List<Destination>> sequence(List<T> items, Function<T, Deferred<List<Destination>>> step) {
        return next(items, 0, new ArrayList<>(), step);
    }

    private <T> Deferred<List<Destination>> next(List<T> items, int index, List<Destination> found,
                                                 Function<T, Deferred<List<Destination>>> step) {
        if (index >= items.size() || found.size() >= maxTargets) {
            return Deferred.succeed(found.size() > maxTargets ? List.copyOf(found.subList(0, maxTargets)) : found);
        }
        return step.apply(items.get(index)).addCallbackDeferred(more -> {
            found.addAll(more);
            return next(items, index + 1, found, step);
        });
    }

    private static String srvName(TransportKind kind, String host) {
        return switch (kind) {
            case UDP -> "_sip._udp." + host;
            case TCP -> "_sip._tcp." + host;
            case TLS -> "_sips._tcp." + host;
        };
    }

    /** Section 4.1: the {@code transport} parameter; under {@code sips:} TCP means TLS. */
    private static TransportKind explicitTransport(SipUri uri) {
        TransportKind kind = TransportKind.fromName(uri.params().get("transport"));
        return kind != null && secure(uri) ? TransportKind.TLS : kind;
    }

    private static boolean secure(SipUri uri) {
        return uri.scheme().equals("sips");
    }

    private static String target(SipUri uri) {
        String maddr = uri.params().get("maddr");
        return maddr != null && !maddr.isEmpty() ? maddr : uri.host();
    }

    private static int defaultPort(TransportKind kind) {
        return kind == TransportKind.TLS ? 5061 : 5060;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || isDottedQuad(host);
    }

    /** Four groups of one to three digits joined by dots (no regular expression: every forwarded request asks). */
    private static boolean isDottedQuad(String host) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }
}
