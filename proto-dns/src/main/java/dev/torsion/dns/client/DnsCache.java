package dev.torsion.dns.client;

import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replies kept for their TTL (RFC 1035 section 7.4): positive ones for the least TTL of their
 * answer records, negative ones (NXDOMAIN and NODATA) for the SOA's TTL capped by its MINIMUM
 * and by {@code maxNegativeTtl} (RFC 2308 sections 3 and 5); a reply with no TTL to go by is not
 * kept. Served records have their TTL lowered by the time spent in the cache. At most
 * {@code maxEntries}, the least recently used dropped first. Reactor thread only.
 */
public final class DnsCache {
    private record Key(Name name, int type, int qclass) {
        static Key of(Question q) {
            return new Key(q.name().toLowerCase(), q.type(), q.qclass());
        }
    }

    private record Entry(Message reply, long storedNanos, long expiresNanos) {
    }

    private final Clock clock;
    private final long maxNegativeTtl;
    private final Map<Key, Entry> entries;

    /** A cache on {@code clock}. */
    public DnsCache(Clock clock, int maxEntries, long maxNegativeTtl) {
        this.clock = clock;
        this.maxNegativeTtl = maxNegativeTtl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Keeps {@code reply} to {@code question} for as long as its TTLs allow. */
    public void put(Question question, Message reply) {
        long ttl = ttlOf(reply);
        if (ttl <= 0) {
            return;
        }
        long now = clock.nanoTime();
        entries.put(Key.of(question), new Entry(reply, now, now + ttl * 1_000_000_000L));
    }

    private long ttlOf(Message reply) {
        if (reply.rcode() != Rcode.NOERROR && reply.rcode() != Rcode.NXDOMAIN) {
            return 0;
        }
        boolean negative = reply.rcode() == Rcode.NXDOMAIN || reply.answers().isEmpty();
        if (negative) {
            for (ResourceRecord r : reply.authority()) {
                if (r.type() == RRType.SOA) {
                    return Math.min(Math.min(r.ttl(), r.data().number(6)), maxNegativeTtl);
                }
            }
            // RFC 2308 section 5: without an SOA a negative answer is not cached.
            return 0;
        }
        return reply.answers().stream().mapToLong(ResourceRecord::ttl).min().orElse(0);
    }

    /** The kept reply with TTLs lowered by its age, or null when absent or expired. */
    public Message get(Question question) {
        Key key = Key.of(question);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        long now = clock.nanoTime();
        if (now >= entry.expiresNanos()) {
            entries.remove(key);
            return null;
        }
        long age = (now - entry.storedNanos()) / 1_000_000_000L;
        Message m = entry.reply();
        return m.withSections(aged(m.answers(), age), aged(m.authority(), age), aged(m.additional(), age));
    }

    private static List<ResourceRecord> aged(List<ResourceRecord> records, long age) {
        List<ResourceRecord> out = new ArrayList<>(records.size());
        for (ResourceRecord r : records) {
            out.add(r.withTtl(Math.max(0, r.ttl() - age)));
        }
        return out;
    }

    /** How many replies are kept (expired ones included until looked up). */
    public int size() {
        return entries.size();
    }
}
