package dev.torsion.socks.codec;

/** The CMD byte of a request (RFC 1928 §4; SOCKS4 uses 1 and 2 alike). */
public enum SocksCommand {
    /** X'01'. */
    CONNECT,
    /** X'02'. */
    BIND,
    /** X'03' (SOCKS5 only). */
    UDP_ASSOCIATE,
    /** Any other value: answered "command not supported" (RFC 1928 §6, X'07'). */
    UNKNOWN;

    /** The command for a CMD byte. */
    public static SocksCommand of(int code) {
        return switch (code) {
            case 1 -> CONNECT;
            case 2 -> BIND;
            case 3 -> UDP_ASSOCIATE;
            default -> UNKNOWN;
        };
    }
}
