package dev.torsion.dns.codec;

/**
 * One resource record (RFC 1035 section 4.1.3).
 *
 * @param name the owner
 * @param rrClass the class
 * @param ttl seconds, 0 to 2^31-1 (RFC 2181 section 8)
 * @param data the RDATA, which carries the type
 */
public record ResourceRecord(Name name, int rrClass, long ttl, RData data) {
    /** A record of class IN. */
    public static ResourceRecord of(Name name, long ttl, RData data) {
        return new ResourceRecord(name, RRClass.IN, ttl, data);
    }

    /** The type. */
    public int type() {
        return data.type();
    }

    /** The same record under another owner (wildcard synthesis, RFC 4592 section 3.3.1, and case copied from the query). */
    public ResourceRecord withName(Name newName) {
        return new ResourceRecord(newName, rrClass, ttl, data);
    }

    /** The same record with another TTL. */
    public ResourceRecord withTtl(long newTtl) {
        return new ResourceRecord(name, rrClass, newTtl, data);
    }

    /** Presentation form, one line: {@code owner TTL CLASS TYPE RDATA}. */
    @Override
    public String toString() {
        return name + " " + ttl + " " + RRClass.toString(rrClass) + " " + RRType.toString(data.type()) + " " + data;
    }
}
