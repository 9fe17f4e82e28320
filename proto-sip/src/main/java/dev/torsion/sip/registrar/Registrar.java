package dev.torsion.sip.registrar;

import dev.torsion.sip.parse.CSeq;
import dev.torsion.sip.parse.HeaderNames;
import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipUri;
import dev.torsion.sip.parse.Syntax;
import dev.torsion.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A registrar (RFC 3261 section 10.3): adds, refreshes and removes the bindings of an address of
 * record in a {@link LocationService}, honours {@code expires} and q-values, the {@code *}
 * wildcard removal, Min-Expires, and answers with every current binding. Authentication happens
 * before (the proxy core asks the {@code DigestAuthenticator}); {@link #register} is told who
 * authenticated, and a user may only register their own address of record (the authorization
 * check of section 10.3 step 4).
 */
public final class Registrar {
    /** Section 10.2.1.1: a registration without expires lasts an hour. */
    public static final long DEFAULT_EXPIRES = 3600;
    /** The longest registration granted (section 10.3 step 7 lets the registrar shorten it). */
    public static final long MAX_EXPIRES = 7200;
    /** The shortest accepted (section 10.3 step 7 and 20.23: Min-Expires). */
    public static final long MIN_EXPIRES = 60;
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT);

    private final LocationService locations;
    private final Clock clock;
    private final String domain;
    private final Set<String> domains;
    private final int maxBindings;

    /**
     * A registrar for {@code domain} keeping bindings in {@code locations}; an address of record
     * under any of {@code aliases} (the server's own addresses, lower case) is the same as under
     * {@code domain}.
     */
    public Registrar(LocationService locations, Clock clock, String domain, Set<String> aliases, int maxBindings) {
        this.locations = locations;
        this.clock = clock;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.domains = aliases;
        this.maxBindings = maxBindings;
    }

    /** Whether {@code host} is this registrar's domain or one of its aliases. */
    public boolean serves(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(domain) || domains.contains(h);
    }

    /** The address of record of {@code uri}: {@code sip:user@domain}, aliases mapped to the domain. */
    public String addressOfRecord(SipUri uri) {
        return "sip:" + uri.userName() + "@" + (serves(uri.host()) ? domain : uri.host().toLowerCase(Locale.ROOT));
    }

    /** The location service. */
    public LocationService locations() {
        return locations;
    }

    /**
     * Processes a REGISTER (steps 5 to 8 of section 10.3) and returns the response to send;
     * {@code user} is the authenticated user name, or null when the registrar runs without
     * authentication. {@code respond} builds a response of the request's transaction.
     */
    public SipResponse register(SipRequest request, String user, ResponseMaker respond) {
        try {
            SipUri to = request.to().sipUri();
            if (!serves(to.host()) || to.user() == null) {
                return respond.make(404, "Not Found"); // step 5: not an address of record of ours
            }
            if (user != null && !user.equals(to.userName())) {
                return respond.make(403, "Forbidden"); // step 4: not this user's address of record
            }
            String aor = addressOfRecord(to);
            List<NameAddress> contacts = request.contacts();
            long now = clock.nanoTime();
            if (contacts.stream().anyMatch(NameAddress::isWildcard)) {
                return wildcard(request, contacts, aor, respond);
            }
            if (!contacts.isEmpty()) {
                SipResponse refused = update(request, contacts, aor, now, respond);
                if (refused != null) {
                    return refused;
                }
            }
            return ok(aor, now, respond);
        } catch (SipParseException e) {
            return respond.make(e.status(), e.reason());
        } catch (LocationServiceFull e) {
            SipResponse busy = respond.make(503, "Service Unavailable"); // section 21.5.4
            busy.headers().add("Retry-After", "60");
            return busy;
        }
    }

    /** Section 10.3 step 6: {@code Contact: *} only alone and with {@code Expires: 0}; removes every binding. */
    private SipResponse wildcard(SipRequest request, List<NameAddress> contacts, String aor, ResponseMaker respond) {
        if (contacts.size() != 1 || !"0".equals(request.headers().first(HeaderNames.EXPIRES))) {
            return respond.make(400, "Invalid Wildcard Contact");
        }
        locations.store(aor, List.of());
        return ok(aor, clock.nanoTime(), respond);
    }

    /** Section 10.3 step 7: each contact added, refreshed or removed; null when all went well. */
    private SipResponse update(SipRequest request, List<NameAddress> contacts, String aor, long now,
                               ResponseMaker respond) throws SipParseException {
        List<Binding> bindings = new ArrayList<>(locations.lookup(aor, now));
        CSeq cseq = request.cseq();
        for (NameAddress contact : contacts) {
            long expires = expires(request, contact);
            if (expires > 0 && expires < MIN_EXPIRES) {
                SipResponse brief = respond.make(423, "Interval Too Brief");
                brief.headers().add(HeaderNames.MIN_EXPIRES, Long.toString(MIN_EXPIRES));
                return brief;
            }
            Binding existing = bindings.stream().filter(b -> b.sameContact(contact)).findFirst().orElse(null);
            if (existing != null && existing.callId().equals(request.callId()) && existing.cseq() >= cseq.sequence()) {
                return respond.make(500, "Out Of Order Registration"); // step 7: a stale REGISTER
            }
            bindings.remove(existing);
            if (expires > 0) {
                bindings.add(new Binding(contact.withoutParam("expires"), contact.q(),
                        now + TimeUnit.SECONDS.toNanos(Math.min(expires, MAX_EXPIRES)), request.callId(), cseq.sequence()));
            }
        }
        if (bindings.size() > maxBindings) {
            return respond.make(403, "Too Many Bindings");
        }
        locations.store(aor, bindings);
        return null;
    }

    /** The contact's expires parameter, else the Expires header, else an hour (section 10.2.1.1). */
    private static long expires(SipRequest request, NameAddress contact) {
        long param = contact.expires();
        if (param >= 0) {
            return param;
        }
        String header = request.headers().first(HeaderNames.EXPIRES);
        if (header != null && Syntax.isDigits(header.trim(), 10)) {
            return Long.parseLong(header.trim());
        }
        return DEFAULT_EXPIRES;
    }

    /** Step 8: a 200 listing every current binding with its remaining expires, and a Date. */
    private SipResponse ok(String aor, long now, ResponseMaker respond) {
        SipResponse ok = respond.make(200, "OK");
        for (Binding binding : locations.lookup(aor, now)) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(binding.expiresAtNanos() - now));
            ok.headers().add(HeaderNames.CONTACT, binding.contact().withParam("expires", Long.toString(left)).toString());
        }
        ok.headers().add(HeaderNames.DATE, RFC1123.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return ok;
    }

    /** Makes a response of the request being processed (with its transaction's To tag). */
    @FunctionalInterface
    public interface ResponseMaker {
        /** A response of {@code status} and {@code reason}. */
        SipResponse make(int status, String reason);
    }
}
