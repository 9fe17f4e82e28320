package dev.torsion.dns.zone;

import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The records of one zone, by owner name in canonical order (RFC 4034 section 6.1) and by type.
 * Built once and then read only, so one zone can serve any number of reactors.
 */
public final class Zone {
    private final Name origin;
    private final NavigableMap<Name, Map<Integer, List<ResourceRecord>>> nodes;
    // The same nodes by hash, for the exact lookups of every query (the sorted map serves exists()).
    private final Map<Name, Map<Integer, List<ResourceRecord>>> byName;
    private final int size;

    private Zone(Name origin, NavigableMap<Name, Map<Integer, List<ResourceRecord>>> nodes, int size) {
        this.origin = origin;
        this.nodes = nodes;
        this.byName = new HashMap<>(nodes);
        this.size = size;
    }

    /**
     * A zone from its records: exactly one SOA at the origin, every name at or below it, no
     * CNAME beside other data (RFC 1034 section 3.6.2), duplicates merged (RFC 2181 section 5).
     */
    public static Zone of(Name origin, List<ResourceRecord> records) {
        NavigableMap<Name, Map<Integer, List<ResourceRecord>>> nodes = new TreeMap<>();
        int size = 0;
        for (ResourceRecord record : records) {
            if (!record.name().isSubdomainOf(origin)) {
                throw new IllegalArgumentException(record.name() + " is outside the zone " + origin);
            }
            List<ResourceRecord> set = nodes.computeIfAbsent(record.name(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(record.type(), t -> new ArrayList<>());
            if (set.stream().noneMatch(r -> r.data().equals(record.data()))) {
                // RFC 2181 section 5.2: the records of one set share one TTL, the first one's.
                set.add(set.isEmpty() ? record : record.withTtl(set.get(0).ttl()));
                size++;
            }
        }
        Map<Integer, List<ResourceRecord>> apex = nodes.get(origin);
        if (apex == null || !apex.containsKey(RRType.SOA) || apex.get(RRType.SOA).size() != 1) {
            throw new IllegalArgumentException("zone " + origin + " needs exactly one SOA at its origin");
        }
        for (Map.Entry<Name, Map<Integer, List<ResourceRecord>>> node : nodes.entrySet()) {
            Map<Integer, List<ResourceRecord>> sets = node.getValue();
            boolean others = sets.keySet().stream()
                    .anyMatch(t -> t != RRType.CNAME && t != RRType.RRSIG && t != RRType.NSEC);
            if (sets.containsKey(RRType.CNAME) && (others || sets.get(RRType.CNAME).size() > 1)) {
                throw new IllegalArgumentException("CNAME and other data at " + node.getKey());
            }
            node.getValue().replaceAll((t, l) -> List.copyOf(l));
        }
        return new Zone(origin, nodes, size);
    }

    /** The origin. */
    public Name origin() {
        return origin;
    }

    /** The SOA record. */
    public ResourceRecord soa() {
        return nodes.get(origin).get(RRType.SOA).get(0);
    }

    /** How many records. */
    public int size() {
        return size;
    }

    /** The RRset of {@code type} at {@code name}, empty when there is none. */
    public List<ResourceRecord> rrset(Name name, int type) {
        Map<Integer, List<ResourceRecord>> node = byName.get(name);
        if (node == null) {
            return List.of();
        }
        return node.getOrDefault(type, List.of());
    }

    /** The RRsets at {@code name} by type, empty when the name owns nothing. */
    public Map<Integer, List<ResourceRecord>> node(Name name) {
        Map<Integer, List<ResourceRecord>> node = byName.get(name);
        return node == null ? Map.of() : Collections.unmodifiableMap(node);
    }

    /** Whether {@code name} owns records or has names below it (an empty non-terminal, RFC 4592 section 2.2.2). */
    public boolean exists(Name name) {
        if (byName.containsKey(name)) {
            return true;
        }
        Name next = nodes.higherKey(name);
        return next != null && next.isSubdomainOf(name);
    }

    /** Every record, SOA first (the order of an AXFR, RFC 5936 section 2.2). */
    public List<ResourceRecord> records() {
        List<ResourceRecord> out = new ArrayList<>(size);
        out.add(soa());
        for (Map<Integer, List<ResourceRecord>> node : nodes.values()) {
            for (List<ResourceRecord> set : node.values()) {
                for (ResourceRecord r : set) {
                    if (r.type() != RRType.SOA || !r.name().equals(origin)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
