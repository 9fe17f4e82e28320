package dev.torsion.sip;

/**
 * Every limit the SIP stack applies, with its default and the reply a breach earns. A request that
 * breaks one gets the status named here (when its Via can still be read, RFC 3261 section 18.2.2);
 * a response that breaks one is dropped silently (section 18.1.2), and over a stream the
 * connection closes after the reply, because its framing can no longer be trusted.
 *
 * @param maxStartLine the request or status line without CRLF: 8 KiB; a longer request line earns
 *     {@code 414 Request-URI Too Long} (section 21.4.12)
 * @param maxHeaderBytes the header section, folded lines and CRLFs included: 16 KiB; beyond it
 *     {@code 513 Message Too Large} (section 21.5.14)
 * @param maxHeaderCount header field values after comma lists are split: 128; beyond it
 *     {@code 513 Message Too Large}
 * @param maxViaCount Via values in one message: 70, the initial Max-Forwards (section 8.1.1.6), so a
 *     longer list is a loop or an attack; beyond it {@code 400 Too Many Via Values}
 * @param maxFoldedLines continuation lines of one header field (section 7.3.1): 8; beyond it
 *     {@code 400 Header Folding Abuse}
 * @param maxBodyBytes the body as Content-Length declares it: 64 KiB; beyond it
 *     {@code 513 Message Too Large}
 * @param maxDatagram the largest UDP datagram read: 65535 bytes (section 18.1.1)
 * @param udpMtuThreshold a request over UDP longer than this goes over TCP instead: 1300 bytes, the
 *     value section 18.1.1 gives for an unknown path MTU
 * @param maxTransactions concurrent server and client transactions: 250,000; a new request beyond
 *     it earns {@code 503 Service Unavailable} (section 21.5.4). Finished transactions count until
 *     they end: an answered INVITE and a BYE linger 64*T1 (32 s, RFC 6026 timer L and RFC 3261
 *     timer J over UDP) to absorb retransmissions, so a proxy holds about 70 transactions per call
 *     per second of load: the default carries some 3,500 calls a second
 * @param maxBindingsPerAor contacts one address of record may register: 16; beyond it
 *     {@code 403 Too Many Bindings} (section 10.3 leaves the policy to the registrar)
 * @param streamIdleSeconds a TCP or TLS connection with nothing received for this long is aborted:
 *     600 s (section 18 leaves it to the implementation; RFC 5626 keep-alives come far more often)
 * @param maxLocatedTargets destinations RFC 3263 server location keeps for one URI (NAPTR, SRV
 *     and address records multiplied out): 16; the rest are dropped, so a hostile zone cannot make
 *     one request fail over without end
 */
public record SipLimits(int maxStartLine, int maxHeaderBytes, int maxHeaderCount, int maxViaCount,
                        int maxFoldedLines, int maxBodyBytes, int maxDatagram, int udpMtuThreshold,
                        int maxTransactions, int maxBindingsPerAor, int streamIdleSeconds, int maxLocatedTargets) {

    /** The defaults listed above. */
    public static final SipLimits DEFAULTS = new SipLimits(8 * 1024, 16 * 1024, 128, 70, 8, 64 * 1024, 65535, 1300,
            250_000, 16, 600, 16);

    /** Checks that every limit is positive. */
    public SipLimits {
        if (maxStartLine <= 0 || maxHeaderBytes <= 0 || maxHeaderCount <= 0 || maxViaCount <= 0
                || maxFoldedLines < 0 || maxBodyBytes < 0 || maxDatagram <= 0 || udpMtuThreshold <= 0
                || maxTransactions <= 0 || maxBindingsPerAor <= 0 || streamIdleSeconds <= 0 || maxLocatedTargets <= 0) {
            throw new IllegalArgumentException("SIP limits must be positive");
        }
    }

    /** A copy with another header-section limit. */
    public SipLimits withMaxHeaderBytes(int bytes) {
        return new SipLimits(maxStartLine, bytes, maxHeaderCount, maxViaCount, maxFoldedLines, maxBodyBytes,
                maxDatagram, udpMtuThreshold, maxTransactions, maxBindingsPerAor, streamIdleSeconds, maxLocatedTargets);
    }

    /** A copy with another body limit. */
    public SipLimits withMaxBodyBytes(int bytes) {
        return new SipLimits(maxStartLine, maxHeaderBytes, maxHeaderCount, maxViaCount, maxFoldedLines, bytes,
                maxDatagram, udpMtuThreshold, maxTransactions, maxBindingsPerAor, streamIdleSeconds, maxLocatedTargets);
    }

    /** A copy with another MTU threshold. */
    public SipLimits withUdpMtuThreshold(int bytes) {
        return new SipLimits(maxStartLine, maxHeaderBytes, maxHeaderCount, maxViaCount, maxFoldedLines, maxBodyBytes,
                maxDatagram, bytes, maxTransactions, maxBindingsPerAor, streamIdleSeconds, maxLocatedTargets);
    }

    /** A copy with another transaction limit. */
    public SipLimits withMaxTransactions(int count) {
        return new SipLimits(maxStartLine, maxHeaderBytes, maxHeaderCount, maxViaCount, maxFoldedLines, maxBodyBytes,
                maxDatagram, udpMtuThreshold, count, maxBindingsPerAor, streamIdleSeconds, maxLocatedTargets);
    }
}
