package dev.torsion.dns.codec;

/**
 * One entry of the question section (RFC 1035 section 4.1.2).
 *
 * @param name QNAME, case as sent
 * @param type QTYPE
 * @param qclass QCLASS
 */
public record Question(Name name, int type, int qclass) {
    /** A question of class IN. */
    public static Question of(Name name, int type) {
        return new Question(name, type, RRClass.IN);
    }

    /** Whether {@code other} asks the same: name compared case-insensitively (RFC 4343), type and class equal. */
    public boolean matches(Question other) {
        return other.type == type && other.qclass == qclass && other.name.equals(name);
    }

    @Override
    public String toString() {
        return name + " " + RRClass.toString(qclass) + " " + RRType.toString(type);
    }
}
