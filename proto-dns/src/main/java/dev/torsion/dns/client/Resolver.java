package dev.torsion.dns.client;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.server.Answer;
import dev.torsion.dns.server.Authority;
import dev.torsion.internet.HostResolver;
import dev.torsion.internet.Reactor;
import java.util.ArrayList;
import java.util.List;

/**
 * Twisted's {@code IResolver}: one {@code lookupXxx} per type, each a Deferred of the answer,
 * authority and additional sections, failing with {@link DnsLookupError} (NXDOMAIN, SERVFAIL,
 * timeout). Asks the hosts file first for addresses, then the cache, then the servers.
 * It is also an {@link Authority}, so a server can forward to it.
 */
public final class Resolver implements Authority, HostResolver {
    private final DnsClient client;
    private final HostsFile hosts;
    private final DnsCache cache;

    /** A resolver over {@code client}; {@code hosts} and {@code cache} may be null. */
    public Resolver(DnsClient client, HostsFile hosts, DnsCache cache) {
        this.client = client;
        this.hosts = hosts;
        this.cache = cache;
    }

    /** A question of class IN for {@code name} and {@code type}. */
    public Deferred<LookupResult> query(String name, int type) {
        return lookup(Question.of(Name.parse(name), type));
    }

    /** Asks {@code question}: hosts file, cache, then servers. */
    public Deferred<LookupResult> lookup(Question question) {
        LookupResult fromHosts = fromHosts(question);
        if (fromHosts != null) {
            return Deferred.succeed(fromHosts);
        }
        return reply(question).addCallback(reply -> {
            if (reply.rcode() != Rcode.NOERROR) {
                throw new DnsLookupError(question, reply.rcode());
            }
            return new LookupResult(reply.answers(), reply.authority(), reply.additional());
        });
    }

    private Deferred<Message> reply(Question question) {
        Message cached = cache == null ? null : cache.get(question);
        if (cached != null) {
            return Deferred.succeed(cached);
        }
        return client.query(question).addCallback(reply -> {
            if (cache != null) {
                cache.put(question, reply);
            }
            return reply;
        });
    }

    private LookupResult fromHosts(Question question) {
        if (hosts == null || !hosts.contains(question.name())
                || (question.type() != RRType.A && question.type() != RRType.AAAA)) {
            return null;
        }
        List<ResourceRecord> answers = new ArrayList<>();
        for (byte[] address : hosts.addresses(question.name())) {
            int type = address.length == 4 ? RRType.A : RRType.AAAA;
            if (type == question.type()) {
                answers.add(ResourceRecord.of(question.name(), 3600, RData.of(type, (Object) address)));
            }
        }
        return answers.isEmpty() ? null : new LookupResult(answers, List.of(), List.of());
    }

    /** A records. */
    public Deferred<LookupResult> lookupAddress(String name) {
        return query(name, RRType.A);
    }

    /** AAAA records. */
    public Deferred<LookupResult> lookupIPV6Address(String name) {
        return query(name, RRType.AAAA);
    }

    /** MX records. */
    public Deferred<LookupResult> lookupMailExchange(String name) {
        return query(name, RRType.MX);
    }

    /** SRV records. */
    public Deferred<LookupResult> lookupService(String name) {
        return query(name, RRType.SRV);
    }

    /** TXT records. */
    public Deferred<LookupResult> lookupText(String name) {
        return query(name, RRType.TXT);
    }

    /** NS records. */
    public Deferred<LookupResult> lookupNameservers(String name) {
        return query(name, RRType.NS);
    }

    /** CNAME records. */
    public Deferred<LookupResult> lookupCanonicalName(String name) {
        return query(name, RRType.CNAME);
    }

    /** PTR records. */
    public Deferred<LookupResult> lookupPointer(String name) {
        return query(name, RRType.PTR);
    }

    /** SOA records. */
    public Deferred<LookupResult> lookupAuthority(String name) {
        return query(name, RRType.SOA);
    }

    /** NAPTR records. */
    public Deferred<LookupResult> lookupNamingAuthorityPointer(String name) {
        return query(name, RRType.NAPTR);
    }

    /** HINFO records. */
    public Deferred<LookupResult> lookupHostInfo(String name) {
        return query(name, RRType.HINFO);
    }

    /** DNAME records. */
    public Deferred<LookupResult> lookupDomainName(String name) {
        return query(name, RRType.DNAME);
    }

    /**
     * The whole zone by AXFR from the first server (Twisted's {@code lookupZone}): the answers are
     * the zone's records, SOA first; never cached.
     */
    public Deferred<LookupResult> lookupZone(String name, Reactor reactor, DnsLimits limits) {
        return ZoneTransfer.transfer(reactor, client.servers().get(0), Name.parse(name), limits)
                .addCallback(zone -> new LookupResult(zone.records(), List.of(), List.of()));
    }

    /** ANY (RFC 8482: servers may answer with one RRset). */
    public Deferred<LookupResult> lookupAllRecords(String name) {
        return query(name, RRType.ANY);
    }

    /**
     * The first address of {@code name}, as text (Twisted's {@code getHostByName}); installed with
     * {@link Reactor#installResolver}, it resolves the reactor's {@code connectTCP} host names.
     */
    @Override
    public Deferred<String> getHostByName(String name) {
        return lookupAddress(name).addCallback(result -> {
            for (ResourceRecord r : result.answers()) {
                if (r.type() == RRType.A) {
                    return r.data().toString();
                }
            }
            throw new DnsLookupError(Question.of(Name.parse(name), RRType.A), Rcode.NXDOMAIN);
        });
    }

    // ------------------------------------------------------------------ as the server's upstream

    @Override
    public boolean covers(Name name) {
        return true;
    }

    @Override
    public int specificity(Name name) {
        return -1;
    }

    @Override
    public Deferred<Answer> query(Question question) {
        LookupResult fromHosts = fromHosts(question);
        if (fromHosts != null) {
            return Deferred.succeed(new Answer(Rcode.NOERROR, false, fromHosts.answers(), List.of(), List.of()));
        }
        return reply(question).addCallback(reply -> new Answer(reply.rcode(), false, reply.answers(), reply.authority(),
                reply.additional()));
    }
}
