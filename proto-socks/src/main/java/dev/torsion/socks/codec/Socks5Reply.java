package dev.torsion.socks.codec;

/** The REP field of a SOCKS5 reply (RFC 1928 §6). */
public enum Socks5Reply {
    /** X'00'. */
    SUCCEEDED(0),
    /** X'01'. */
    GENERAL_FAILURE(1),
    /** X'02'. */
    NOT_ALLOWED_BY_RULESET(2),
    /** X'03'. */
    NETWORK_UNREACHABLE(3),
    /** X'04'. */
    HOST_UNREACHABLE(4),
    /** X'05'. */
    CONNECTION_REFUSED(5),
    /** X'06'. */
    TTL_EXPIRED(6),
    /** X'07'. */
    COMMAND_NOT_SUPPORTED(7),
    /** X'08'. */
    ADDRESS_TYPE_NOT_SUPPORTED(8);

    private final int code;

    Socks5Reply(int code) {
        this.code = code;
    }

    /** The REP byte. */
    public int code() {
        return code;
    }
}
