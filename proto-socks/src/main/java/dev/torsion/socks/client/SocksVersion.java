package dev.torsion.socks.client;

/** Which SOCKS a client endpoint speaks to its proxy. */
public enum SocksVersion {
    /** SOCKS4a: SOCKS4 with the destination name sent to the proxy (resolved there). */
    SOCKS4A,
    /** SOCKS5 (RFC 1928), with username/password (RFC 1929) when given; names resolved by the proxy. */
    SOCKS5
}
