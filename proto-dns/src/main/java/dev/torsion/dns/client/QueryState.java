package dev.torsion.dns.client;

/** Where one query of a {@link DnsClient} stands. */
public enum QueryState {
    /** Waiting for a UDP reply from the current server. */
    UDP,
    /** The UDP reply was truncated: asking the same server over TCP (RFC 7766 section 5). */
    TCP,
    /** Answered, failed or timed out; terminal. */
    DONE
}
