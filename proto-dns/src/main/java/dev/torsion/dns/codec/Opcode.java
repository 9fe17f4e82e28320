package dev.torsion.dns.codec;

/** Opcodes (RFC 1035 section 4.1.1, RFC 1996, RFC 2136). */
public final class Opcode {
    public static final int QUERY = 0;
    public static final int STATUS = 2;
    public static final int NOTIFY = 4;
    public static final int UPDATE = 5;

    private Opcode() {
    }
}
