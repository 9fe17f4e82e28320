package dev.torsion.dns.codec;

/** Response codes (RFC 1035 section 4.1.1; RFC 6891 section 9 for the extended ones). */
public final class Rcode {
    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;
    /** A DNAME substitution too long (RFC 6672 section 2.2). */
    public static final int YXDOMAIN = 6;
    public static final int NOTAUTH = 9;
    /** Needs EDNS: the 8 high bits travel in the OPT record (RFC 6891 section 6.1.3). */
    public static final int BADVERS = 16;

    private Rcode() {
    }

    /** The mnemonic, as dig prints it. */
    public static String toString(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case FORMERR -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case NOTIMP -> "NOTIMP";
            case REFUSED -> "REFUSED";
            case YXDOMAIN -> "YXDOMAIN";
            case NOTAUTH -> "NOTAUTH";
            case BADVERS -> "BADVERS";
            default -> "RCODE" + rcode;
        };
    }
}
