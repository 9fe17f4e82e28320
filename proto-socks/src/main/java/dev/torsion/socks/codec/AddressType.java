package dev.torsion.socks.codec;

/** How a destination is given: RFC 1928 §5 ATYP values (SOCKS4 gives IPv4, SOCKS4a a domain). */
public enum AddressType {
    /** X'01': four bytes. */
    IPV4(1),
    /** X'03': a length byte and a name. */
    DOMAIN(3),
    /** X'04': sixteen bytes. */
    IPV6(4);

    private final int code;

    AddressType(int code) {
        this.code = code;
    }

    /** The ATYP byte. */
    public int code() {
        return code;
    }
}
