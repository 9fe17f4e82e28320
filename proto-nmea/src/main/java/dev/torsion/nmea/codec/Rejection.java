package dev.torsion.nmea.codec;

/**
 * A line the codec would not use, and why. Reported to the receiver, never thrown.
 *
 * @param reason why it was refused
 * @param line the line (truncated to 100 characters for lines past the limits)
 * @param detail a human-readable detail for the log
 */
public record Rejection(Reason reason, String line, String detail) implements DecodeResult {

    /** Why a line was refused. */
    public enum Reason {
        /** No {@code $} or {@code !} start delimiter on the line (section 5.3). */
        NOT_A_SENTENCE,
        /** A line past {@code NmeaLimits.maxLineLength()}, dropped unbuffered. */
        LINE_TOO_LONG,
        /** A sentence past {@code NmeaLimits.acceptedSentenceLength()}. */
        TOO_LONG,
        /** A character outside printable ASCII 0x20 to 0x7E (section 6.1), e.g. NUL. */
        INVALID_CHARACTER,
        /** Something after {@code *} that is not two hex digits. */
        MALFORMED_CHECKSUM,
        /** A checksum that does not match the sentence (section 5.2.1.3). */
        BAD_CHECKSUM,
        /** An address field that is neither {@code P...} nor a talker and a formatter. */
        BAD_ADDRESS,
        /** A field of a known sentence that does not parse or holds an impossible value. */
        BAD_FIELD,
        /**
         * A multi-sentence AIS message that lost a fragment: a later fragment came without the
         * first, or a new first fragment replaced an unfinished message of the same ID.
         */
        AIS_FRAGMENT_MISSING,
        /** An AIS fragment that is not the next of its message (skipped, repeated, other count). */
        AIS_FRAGMENT_OUT_OF_ORDER,
        /** A multi-sentence AIS message older than {@code NmeaLimits.aisSequenceTimeout()}. */
        AIS_SEQUENCE_EXPIRED,
        /** The oldest pending AIS message, dropped past {@code NmeaLimits.maxPendingAisSequences()}. */
        AIS_TOO_MANY_PENDING,
        /** A whole AIS message too short for its type (ITU-R M.1371-5 Annex 8), or reserved. */
        AIS_UNDECODABLE
    }
}
