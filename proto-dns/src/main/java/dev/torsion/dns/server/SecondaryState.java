package dev.torsion.dns.server;

/** The life of a secondary zone (RFC 1034 section 4.3.5). */
public enum SecondaryState {
    /** No transfer has succeeded yet: SERVFAIL. */
    LOADING,
    /** Serving a transferred copy, refreshed by the SOA's REFRESH and RETRY timers. */
    SERVING,
    /** No successful refresh for the SOA's EXPIRE: the copy is dropped, SERVFAIL. */
    EXPIRED
}
