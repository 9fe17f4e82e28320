package dev.torsion.dns.codec;

import java.util.List;

/**
 * The EDNS(0) pseudo-record of a message (RFC 6891 section 6.1): the sender's UDP payload size,
 * version, DO bit and options. The upper 8 bits of an extended RCODE travel in it, but are kept
 * in {@link Message#rcode()} whole.
 *
 * @param udpPayloadSize the largest UDP reply the sender takes; below 512 counts as 512 (RFC 6891 section 6.2.3)
 * @param version EDNS version; only 0 exists
 * @param dnssecOk the DO bit (RFC 3225)
 * @param options the options, in order
 */
public record Edns(int udpPayloadSize, int version, boolean dnssecOk, List<Option> options) {
    /**
     * One EDNS option (RFC 6891 section 6.1.2).
     *
     * @param code OPTION-CODE
     * @param data OPTION-DATA
     */
    public record Option(int code, byte[] data) {
    }

    /** EDNS version 0 with a payload size and no options. */
    public static Edns of(int udpPayloadSize) {
        return new Edns(udpPayloadSize, 0, false, List.of());
    }

    /** The payload size a reply may use, never under 512 (RFC 6891 section 6.2.3). */
    public int effectivePayloadSize() {
        return Math.max(512, udpPayloadSize);
    }
}
