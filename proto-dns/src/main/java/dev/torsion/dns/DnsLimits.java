package dev.torsion.dns;

import java.time.Duration;

/**
 * Every limit of the DNS codec, server and resolver, with its default and what exceeding it earns.
 *
 * @param maxQuestions questions in one message (default 1, RFC 9619); more: FORMERR to a query, a failed lookup for a response
 * @param udpPayloadSize the EDNS payload size the server and resolver advertise and the most a UDP reply uses
 *        (default 1232, the DNS Flag Day 2020 figure); a larger answer: TC set, the client retries over TCP (RFC 7766 section 5)
 * @param maxTcpQueriesInFlight queries of one TCP connection answered concurrently (default 16, RFC 7766 section 6.2.1.1);
 *        more: reading pauses until answers go out
 * @param tcpIdleTimeout a TCP connection with no query for this long is closed (default 10 s, RFC 7766 section 6.2.3);
 *        this also ends a connection whose length prefix promises bytes that never come
 * @param maxCnameChain CNAMEs followed within a zone for one answer (default 8); more: the chain as far as followed
 * @param maxAxfrMessageSize octets per AXFR message over TCP (default 16384, RFC 5936 section 2.2)
 * @param maxIncludeDepth nested {@code $INCLUDE}s in a zone file (default 8); deeper: the zone fails to load
 * @param maxZoneRecords records in one zone file (default 1,000,000); more: the zone fails to load
 * @param queryTimeout the resolver's wait for one server before the next try (default 2 s)
 * @param queryAttempts the resolver's tries over the list of servers (default 3); then the lookup fails with a timeout
 * @param maxCacheEntries answers the resolver's cache keeps (default 10,000); more: the oldest is dropped
 * @param maxNegativeTtl the longest a negative answer is cached, seconds (default 10800, RFC 2308 section 5)
 */
public record DnsLimits(int maxQuestions, int udpPayloadSize, int maxTcpQueriesInFlight, Duration tcpIdleTimeout,
        int maxCnameChain, int maxAxfrMessageSize, int maxIncludeDepth, int maxZoneRecords, Duration queryTimeout,
        int queryAttempts, int maxCacheEntries, long maxNegativeTtl) {
    /** The defaults. */
    public static final DnsLimits DEFAULTS = new DnsLimits(1, 1232, 16, Duration.ofSeconds(10), 8, 16384, 8, 1_000_000,
            Duration.ofSeconds(2), 3, 10_000, 10800);

    /** Checks the ranges. */
    public DnsLimits {
        if (maxQuestions < 1 || udpPayloadSize < 512 || udpPayloadSize > 65535 || maxTcpQueriesInFlight < 1
                || maxCnameChain < 0 || maxAxfrMessageSize < 512 || maxAxfrMessageSize > 65535 || maxIncludeDepth < 0
                || maxZoneRecords < 1 || queryAttempts < 1 || maxCacheEntries < 0 || maxNegativeTtl < 0) {
            throw new IllegalArgumentException("DNS limit out of range");
        }
    }

    /** A copy with another UDP payload size. */
    public DnsLimits withUdpPayloadSize(int size) {
        return new DnsLimits(maxQuestions, size, maxTcpQueriesInFlight, tcpIdleTimeout, maxCnameChain, maxAxfrMessageSize,
                maxIncludeDepth, maxZoneRecords, queryTimeout, queryAttempts, maxCacheEntries, maxNegativeTtl);
    }

    /** A copy with another TCP idle timeout. */
    public DnsLimits withTcpIdleTimeout(Duration timeout) {
        return new DnsLimits(maxQuestions, udpPayloadSize, maxTcpQueriesInFlight, timeout, maxCnameChain, maxAxfrMessageSize,
                maxIncludeDepth, maxZoneRecords, queryTimeout, queryAttempts, maxCacheEntries, maxNegativeTtl);
    }

    /** A copy with another resolver timeout and number of tries. */
    public DnsLimits withQueryTimeout(Duration timeout, int attempts) {
        return new DnsLimits(maxQuestions, udpPayloadSize, maxTcpQueriesInFlight, tcpIdleTimeout, maxCnameChain,
                maxAxfrMessageSize, maxIncludeDepth, maxZoneRecords, timeout, attempts, maxCacheEntries, maxNegativeTtl);
    }
}
