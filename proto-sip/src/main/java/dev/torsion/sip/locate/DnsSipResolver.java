package dev.torsion.sip.locate;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.dns.client.DnsLookupError;
import dev.torsion.dns.client.LookupResult;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SipResolver} over proto-dns's {@link Resolver} (Twisted's {@code IResolver} shape): NXDOMAIN
 * and empty answers become empty lists, other lookup errors fail. Only records of the type asked
 * are taken from the answer section (a CNAME the server followed is skipped).
 */
public final class DnsSipResolver implements SipResolver {
    private final Resolver resolver;

    /** Asks {@code resolver}. */
    public DnsSipResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Deferred<List<NaptrRecord>> naptr(String domain) {
        return resolver.lookupNamingAuthorityPointer(domain).addCallback(result -> {
            List<NaptrRecord> records = new ArrayList<>();
            for (RData data : rdata(result, RRType.NAPTR)) {
                records.add(new NaptrRecord((int) data.number(0), (int) data.number(1), text(data, 2), text(data, 3),
                        text(data, 4), host(data.name(5))));
            }
            return (List<NaptrRecord>) records;
        }).addErrback(DnsSipResolver::nameErrorIsEmpty);
    }

    @Override
    public Deferred<List<SrvRecord>> srv(String name) {
        return resolver.lookupService(name).addCallback(result -> {
            List<SrvRecord> records = new ArrayList<>();
            for (RData data : rdata(result, RRType.SRV)) {
                records.add(new SrvRecord((int) data.number(0), (int) data.number(1), (int) data.number(2),
                        host(data.name(3))));
            }
            return (List<SrvRecord>) records;
        }).addErrback(DnsSipResolver::nameErrorIsEmpty);
    }

    /**
     * A, then AAAA. A name error on A ends the lookup (the name does not exist); a failed AAAA
     * lookup after a good A lookup is ignored, as servers that mishandle AAAA are common.
     */
    @Override
    public Deferred<List<String>> addresses(String host) {
        return resolver.lookupAddress(host).addCallback(result -> literals(result, RRType.A))
                .<List<String>>addCallbacksDeferred(v4 -> resolver.lookupIPV6Address(host).addBoth((result, failure) -> {
                    List<String> all = new ArrayList<>(v4);
                    if (failure == null) {
                        all.addAll(literals(result, RRType.AAAA));
                    }
                    return (List<String>) all;
                }), failure -> Deferred.succeed(DnsSipResolver.<String>nameErrorIsEmpty(failure)));
    }

    private static List<String> literals(LookupResult result, int type) throws UnknownHostException {
        List<String> out = new ArrayList<>();
        for (RData data : rdata(result, type)) {
            out.add(InetAddress.getByAddress(data.bytes(0)).getHostAddress());
        }
        return out;
    }

    private static List<RData> rdata(LookupResult result, int type) {
        List<RData> out = new ArrayList<>();
        for (ResourceRecord record : result.answers()) {
            if (record.type() == type) {
                out.add(record.data());
            }
        }
        return out;
    }

    private static String text(RData data, int index) {
        return new String(data.bytes(index), StandardCharsets.US_ASCII);
    }

    /** A name in presentation form without its final dot; the root stays {@code "."}. */
    private static String host(Name name) {
        String text = name.toString();
        return text.length() > 1 && text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static <T> List<T> nameErrorIsEmpty(Failure failure) {
        if (failure.value() instanceof DnsLookupError error && error.isNameError()) {
            return List.of();
        }
        throw failure.rethrow();
    }
}
