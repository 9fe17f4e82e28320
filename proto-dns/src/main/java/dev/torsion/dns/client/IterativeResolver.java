package dev.torsion.dns.client;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.server.Answer;
import dev.torsion.dns.server.Authority;
import dev.torsion.internet.Reactor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive resolver that iterates from root hints (RFC 1034 section 5.3.3): it asks the
 * closest known servers without RD, follows referrals down, resolves glueless name servers from
 * the root, follows CNAMEs across zones, and caches what it learns when given a cache. Each
 * referral's NS records must lie in the zone of the server that gave them and be closer to the
 * name asked, and glue is taken only for those NS names (bailiwick rules against cache
 * poisoning, RFC 5452 section 6); every exchange has the {@link DnsClient}'s ID, port and
 * question checks. One resolution sends at most {@link #MAX_QUERIES} queries.
 */
public final class IterativeResolver implements Authority {
    /** The work limit of one resolution, glueless NS lookups and CNAME restarts included. */
    public static final int MAX_QUERIES = 48;

    private final Reactor reactor;
    private final List<String> rootHints;
    private final int port;
    private final DnsLimits limits;
    private final DnsCache cache;

    /** Iterates from {@code rootHints} (IP addresses), asking every server on {@code port} (53); {@code cache} may be null. */
    public IterativeResolver(Reactor reactor, List<String> rootHints, int port, DnsLimits limits, DnsCache cache) {
        if (rootHints.isEmpty()) {
            throw new IllegalArgumentException("no root hints");
        }
        this.reactor = reactor;
        this.rootHints = List.copyOf(rootHints);
        this.port = port;
        this.limits = limits;
        this.cache = cache;
    }

    /** The work done for one resolution. */
    private static final class Budget {
        private int queries;
    }

    /** Resolves {@code question}; fires with the final reply (the CNAMEs followed in front of its answers). */
    public Deferred<Message> resolve(Question question) {
        Message cached = cache == null ? null : cache.get(question);
        if (cached != null) {
            return Deferred.succeed(cached);
        }
        return iterate(question, rootHints, Name.ROOT, new Budget(), new ArrayList<>()).addCallback(reply -> {
            if (cache != null) {
                cache.put(question, reply);
            }
            return reply;
        });
    }

    private Deferred<Message> iterate(Question question, List<String> servers, Name zone, Budget budget,
            List<ResourceRecord> chain) {
        if (budget.queries++ >= MAX_QUERIES) {
            return Deferred.fail(new DnsLookupError(question, Rcode.SERVFAIL));
        }
        List<NameServer> asked = servers.stream().map(ip -> new NameServer(ip, port)).toList();
        return new DnsClient(reactor, asked, limits).query(question, false)
                .addCallbackDeferred(reply -> step(question, zone, budget, chain, reply));
    }

    private Deferred<Message> step(Question question, Name zone, Budget budget, List<ResourceRecord> chain, Message reply) {
        if (!reply.answers().isEmpty()) {
            return answered(question, budget, chain, reply);
        }
        if (reply.rcode() != Rcode.NOERROR) {
            return Deferred.succeed(withChain(reply, chain));
        }
        List<ResourceRecord> referral = referral(question, zone, reply);
        if (referral.isEmpty()) {
            // NODATA: the authority section has the SOA, or nothing useful.
            return Deferred.succeed(withChain(reply, chain));
        }
        Name cut = referral.get(0).name();
        List<String> glue = glue(referral, reply, zone);
        if (!glue.isEmpty()) {
            return iterate(question, glue, cut, budget, chain);
        }
        // Glueless: find an address of the first NS name from the root, then go on.
        Name target = referral.get(0).data().name(0);
        return iterate(Question.of(target, RRType.A), rootHints, Name.ROOT, budget, new ArrayList<>())
                .addCallbackDeferred(nsReply -> {
                    List<String> addresses = addresses(nsReply.answers());
                    if (addresses.isEmpty()) {
                        throw new DnsLookupError(question, Rcode.SERVFAIL);
                    }
                    return iterate(question, addresses, cut, budget, chain);
                });
    }

    /** An answer; a CNAME to a name whose records are not in it restarts from the root (RFC 1034 section 5.3.3 step 4). */
    private Deferred<Message> answered(Question question, Budget budget, List<ResourceRecord> chain, Message reply) {
        Name name = question.name();
        List<ResourceRecord> own = new ArrayList<>();
        for (int hop = 0; hop <= limits.maxCnameChain(); hop++) {
            Name current = name;
            List<ResourceRecord> here = reply.answers().stream().filter(r -> r.name().equals(current)).toList();
            own.addAll(here);
            ResourceRecord cname = here.stream().filter(r -> r.type() == RRType.CNAME).findFirst().orElse(null);
            if (cname == null || question.type() == RRType.CNAME || question.type() == RRType.ANY) {
                List<ResourceRecord> all = new ArrayList<>(chain);
                all.addAll(own);
                return Deferred.succeed(reply.withSections(all, reply.authority(), reply.additional()));
            }
            name = cname.data().name(0);
            Name next = name;
            if (reply.answers().stream().noneMatch(r -> r.name().equals(next))) {
                List<ResourceRecord> longer = new ArrayList<>(chain);
                longer.addAll(own);
                if (longer.stream().filter(r -> r.type() == RRType.CNAME).count() > limits.maxCnameChain()) {
                    return Deferred.fail(new DnsLookupError(question, Rcode.SERVFAIL));
                }
                return iterate(new Question(next, question.type(), question.qclass()), rootHints, Name.ROOT, budget, longer);
            }
        }
        return Deferred.fail(new DnsLookupError(question, Rcode.SERVFAIL));
    }

    /** The NS records of a referral: below the asking zone, above or at the name asked, all for one cut. */
    private static List<ResourceRecord> referral(Question question, Name zone, Message reply) {
        List<ResourceRecord> ns = new ArrayList<>();
        Name cut = null;
        for (ResourceRecord r : reply.authority()) {
            if (r.type() != RRType.NS) {
                continue;
            }
            Name owner = r.name();
            boolean closer = owner.isSubdomainOf(zone) && !owner.equals(zone) && question.name().isSubdomainOf(owner);
            if (closer && (cut == null || cut.equals(owner))) {
                cut = owner;
                ns.add(r);
            }
        }
        return ns;
    }

    /** Addresses of the NS names from the additional section, only when the asking server is authoritative for them. */
    private static List<String> glue(List<ResourceRecord> referral, Message reply, Name zone) {
        Set<Name> targets = new LinkedHashSet<>();
        for (ResourceRecord r : referral) {
            targets.add(r.data().name(0));
        }
        List<String> out = new ArrayList<>();
        for (ResourceRecord r : reply.additional()) {
            if (r.type() == RRType.A && targets.contains(r.name()) && r.name().isSubdomainOf(zone)) {
                out.add(r.data().toString());
            }
        }
        return out;
    }

    private static List<String> addresses(List<ResourceRecord> answers) {
        List<String> out = new ArrayList<>();
        for (ResourceRecord r : answers) {
            if (r.type() == RRType.A) {
                out.add(r.data().toString());
            }
        }
        return out;
    }

    private static Message withChain(Message reply, List<ResourceRecord> chain) {
        if (chain.isEmpty()) {
            return reply;
        }
        List<ResourceRecord> all = new ArrayList<>(chain);
        all.addAll(reply.answers());
        return reply.withSections(all, reply.authority(), reply.additional());
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
        return resolve(question).addCallback(reply -> new Answer(reply.rcode(), false, reply.answers(), reply.authority(),
                reply.additional()));
    }
}
