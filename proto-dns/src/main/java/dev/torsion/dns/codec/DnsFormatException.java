package dev.torsion.dns.codec;

/**
 * A message that breaks RFC 1035's wire format or a {@code DnsLimits} limit. When the 12-octet
 * header was readable, {@link #id()} and {@link #flags()} let a server answer FORMERR to the right
 * query (RFC 1035 section 4.1.1); otherwise the message is dropped.
 */
public final class DnsFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Marks an unreadable header. */
    public static final int NO_HEADER = -1;

    private final int id;
    private final int flags;

    /** A format error in a message whose header read as {@code id} and {@code flags} (or {@link #NO_HEADER}). */
    public DnsFormatException(String message, int id, int flags) {
        super(message);
        this.id = id;
        this.flags = flags;
    }

    /** The message ID, or {@link #NO_HEADER}. */
    public int id() {
        return id;
    }

    /** The header's second 16-bit word (QR, opcode, flags, RCODE), or {@link #NO_HEADER}. */
    public int flags() {
        return flags;
    }

    /** Whether the header could be read, so that a FORMERR can be sent back. */
    public boolean headerReadable() {
        return id != NO_HEADER;
    }
}
