package dev.torsion.dns.server;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.zone.Zone;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers from one {@link Zone} as RFC 1034 section 4.3.2's algorithm says: referrals at zone
 * cuts with glue, CNAME chains followed inside the zone, wildcards (RFC 4592), NXDOMAIN versus
 * NODATA with the SOA in the authority section for negative caching (RFC 2308 section 3), DNAME
 * substitution (RFC 6672), minimal answers to ANY (RFC 8482 section 4.2), and addresses of MX, NS and SRV targets in the
 * additional section (RFC 1035 section 3.3.9).
 */
public final class ZoneAuthority implements Authority {
    private final Name origin;
    private final DnsLimits limits;
    // Replaced whole by a secondary's transfer; read by the query path (one reactor thread, volatile for others).
    private volatile Zone zone;

    /** Serves {@code zone}. */
    public ZoneAuthority(Zone zone, DnsLimits limits) {
        this.origin = zone.origin();
        this.zone = zone;
        this.limits = limits;
    }

    /** Serves {@code origin} with no data yet: SERVFAIL until {@link #replace} (a secondary before its first transfer). */
    public ZoneAuthority(Name origin, DnsLimits limits) {
        this.origin = origin;
        this.limits = limits;
    }

    /** The zone served, or null before the first transfer. */
    public Zone zone() {
        return zone;
    }

    /** The origin. */
    public Name origin() {
        return origin;
    }

    /** Serves {@code newZone} (same origin) from now on, or nothing (null: SERVFAIL, an expired secondary). */
    public void replace(Zone newZone) {
        if (newZone != null && !newZone.origin().equals(origin)) {
            throw new IllegalArgumentException("zone " + newZone.origin() + " is not " + origin);
        }
        zone = newZone;
    }

    @Override
    public boolean covers(Name name) {
        return name.isSubdomainOf(origin);
    }

    @Override
    public int specificity(Name name) {
        return origin.labelCount();
    }

    @Override
    public Deferred<Answer> query(Question question) {
        return Deferred.succeed(answer(question));
    }

    /** The answer, computed at once (the zone is in memory); SERVFAIL while there is no zone. */
    public Answer answer(Question question) {
        Zone current = zone;
        if (current == null) {
            return new Answer(Rcode.SERVFAIL, false, List.of(), List.of(), List.of());
        }
        return answer(current, question);
    }

    private Answer answer(Zone zone, Question question) {
        List<ResourceRecord> answers = new ArrayList<>();
        Name qname = question.name();
        int type = question.type();
        for (int hop = 0; hop <= limits.maxCnameChain(); hop++) {
            Answer referral = referral(zone, qname, type);
            if (referral != null) {
                return hop == 0 ? referral
                        : new Answer(Rcode.NOERROR, true, answers, referral.authority(), referral.additional());
            }
            ResourceRecord dname = dnameAbove(zone, qname);
            if (dname != null) {
                Name target;
                try {
                    target = qname.replaceSuffix(dname.name(), dname.data().name(0));
                } catch (IllegalArgumentException tooLong) {
                    // RFC 6672 section 2.2: a substitution longer than 255 octets is YXDOMAIN.
                    answers.add(dname);
                    return new Answer(Rcode.YXDOMAIN, true, answers, List.of(), List.of());
                }
                answers.add(dname);
                answers.add(new ResourceRecord(qname, dname.rrClass(), dname.ttl(), RData.of(RRType.CNAME, target)));
                qname = target;
                if (!covers(qname)) {
                    return new Answer(Rcode.NOERROR, true, answers, List.of(), List.of());
                }
                continue;
            }
            Map<Integer, List<ResourceRecord>> node = zone.node(qname);
            Name owner = qname;
            if (node.isEmpty() && !zone.exists(qname)) {
                Name wildcard = wildcardFor(zone, qname);
                if (wildcard == null) {
                    // RFC 6604: the RCODE is that of the last name in the chain.
                    return negative(zone, Rcode.NXDOMAIN, answers);
                }
                node = zone.node(wildcard);
            }
            List<ResourceRecord> cname = node.getOrDefault(RRType.CNAME, List.of());
            if (!cname.isEmpty() && type != RRType.CNAME && type != RRType.ANY) {
                ResourceRecord alias = cname.get(0).withName(owner);
                answers.add(alias);
                qname = alias.data().name(0);
                if (!covers(qname) || answers.stream().filter(r -> r.type() == RRType.CNAME).count() > limits.maxCnameChain()) {
                    return new Answer(Rcode.NOERROR, true, answers, List.of(), List.of());
                }
                continue;
            }
            List<ResourceRecord> found = select(node, type);
            if (found.isEmpty()) {
                return negative(zone, Rcode.NOERROR, answers);
            }
            for (ResourceRecord r : found) {
                answers.add(r.withName(owner));
            }
            return new Answer(Rcode.NOERROR, true, answers, List.of(), additionalFor(zone, found));
        }
        return new Answer(Rcode.NOERROR, true, answers, List.of(), List.of());
    }

    /** RFC 8482 section 4.2: one RRset answers ANY; otherwise the set of the type asked. */
    private static List<ResourceRecord> select(Map<Integer, List<ResourceRecord>> node, int type) {
        if (type == RRType.ANY) {
            return node.values().stream().findFirst().orElse(List.of());
        }
        return node.getOrDefault(type, List.of());
    }

    /** The DNAME owned by a proper ancestor of {@code qname} in this zone, closest to the apex first (RFC 6672 section 3.2), or null. */
    private static ResourceRecord dnameAbove(Zone zone, Name qname) {
        for (int depth = qname.labelCount() - zone.origin().labelCount(); depth >= 1; depth--) {
            List<ResourceRecord> dname = zone.rrset(qname.parent(depth), RRType.DNAME);
            if (!dname.isEmpty()) {
                return dname.get(0);
            }
        }
        return null;
    }

    /** A delegation on the way down to {@code qname} (RFC 1034 section 4.3.2 step 3b), or null. */
    private Answer referral(Zone zone, Name qname, int type) {
        Name origin = zone.origin();
        for (int depth = qname.labelCount() - origin.labelCount() - 1; depth >= 0; depth--) {
            Name cut = qname.parent(depth);
            if (cut.equals(origin)) {
                continue;
            }
            List<ResourceRecord> ns = zone.rrset(cut, RRType.NS);
            if (ns.isEmpty()) {
                continue;
            }
            if (cut.equals(qname) && type == RRType.DS) {
                // RFC 4035 section 3.1.4.1: DS lives on the parent side of the cut.
                return null;
            }
            List<ResourceRecord> glue = new ArrayList<>();
            for (ResourceRecord r : ns) {
                Name target = r.data().name(0);
                if (target.isSubdomainOf(origin)) {
                    glue.addAll(zone.rrset(target, RRType.A));
                    glue.addAll(zone.rrset(target, RRType.AAAA));
                }
            }
            return new Answer(Rcode.NOERROR, false, List.of(), ns, glue);
        }
        return null;
    }

    /** RFC 4592 section 3.3.1: the source of synthesis is {@code *.} the closest encloser, if it exists. */
    private static Name wildcardFor(Zone zone, Name qname) {
        Name encloser = qname;
        while (!zone.exists(encloser) && encloser.labelCount() > zone.origin().labelCount()) {
            encloser = encloser.parent(1);
        }
        Name source = encloser.child(new byte[] {'*'});
        return zone.node(source).isEmpty() ? null : source;
    }

    /** NXDOMAIN or NODATA: the SOA in authority, its TTL the lesser of its own and its MINIMUM (RFC 2308 section 3). */
    private static Answer negative(Zone zone, int rcode, List<ResourceRecord> answers) {
        ResourceRecord soa = zone.soa();
        long ttl = Math.min(soa.ttl(), soa.data().number(6));
        return new Answer(rcode, true, answers, List.of(soa.withTtl(ttl)), List.of());
    }

    /** Addresses of the names an answer points at, when the zone has them (RFC 1035 section 3.3.9, RFC 2782). */
    private List<ResourceRecord> additionalFor(Zone zone, List<ResourceRecord> found) {
        Set<Name> targets = new LinkedHashSet<>();
        for (ResourceRecord r : found) {
            switch (r.type()) {
                case RRType.MX -> targets.add(r.data().name(1));
                case RRType.NS -> targets.add(r.data().name(0));
                case RRType.SRV -> targets.add(r.data().name(3));
                default -> { }
            }
        }
        List<ResourceRecord> out = new ArrayList<>();
        for (Name target : targets) {
            if (covers(target)) {
                out.addAll(zone.rrset(target, RRType.A));
                out.addAll(zone.rrset(target, RRType.AAAA));
            }
        }
        return out;
    }
}
