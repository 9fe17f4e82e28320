package dev.torsion.nmea;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit the NMEA codec applies, with its default and what exceeding it earns.
 *
 * <p>Nothing here is ever thrown: a stream from a receiver is noisy by nature, so each breach
 * drops the offending line (or AIS fragment), reports it to the receiver and the stream goes on.
 *
 * @param maxSentenceLength the longest sentence NMEA 0183 allows, from the {@code $} to the
 *     checksum inclusive, without CR LF: 82 characters (NMEA 0183 v4.11, section 5.3).
 * @param lengthTolerance characters beyond {@code maxSentenceLength} still accepted, because real
 *     receivers exceed the standard (u-blox and Trimble RTK units send 90 to 200-character GGA and
 *     RMC sentences). Default 128. A longer sentence earns {@code Rejection.Reason.TOO_LONG}.
 * @param maxLineLength the longest line the framer buffers before the LF, default 1024 bytes; a
 *     longer line is discarded up to its LF without buffering and earns
 *     {@code Rejection.Reason.LINE_TOO_LONG}, so a stream that never sends LF cannot grow memory.
 * @param maxPendingAisSequences multi-sentence AIS messages being reassembled at once, default 16
 *     (a receiver interleaves at most a few: the sequential message ID has ten values per
 *     channel); starting one more drops the oldest and earns
 *     {@code Rejection.Reason.AIS_TOO_MANY_PENDING}. Memory is bounded by this times nine
 *     fragments of at most {@link #acceptedSentenceLength()} characters.
 * @param aisSequenceTimeout how long a multi-sentence AIS message may wait for its next
 *     fragment, default 5 s (a transponder sends the fragments back to back); an older one is
 *     dropped and earns {@code Rejection.Reason.AIS_SEQUENCE_EXPIRED}.
 */
public record NmeaLimits(int maxSentenceLength, int lengthTolerance, int maxLineLength,
        int maxPendingAisSequences, Duration aisSequenceTimeout) {

    /** The AIS defaults: 16 sequences pending, 5 seconds each. */
    private static final int DEFAULT_PENDING_AIS = 16;
    private static final Duration DEFAULT_AIS_TIMEOUT = Duration.ofSeconds(5);

    /** The defaults: 82 characters, a tolerance of 128 more, lines of at most 1024 bytes. */
    public static final NmeaLimits DEFAULTS = new NmeaLimits(82, 128, 1024);

    /** Validates the limits. */
    public NmeaLimits {
        Objects.requireNonNull(aisSequenceTimeout, "aisSequenceTimeout");
        if (maxSentenceLength < 11 || lengthTolerance < 0 || maxLineLength < maxSentenceLength
                || maxPendingAisSequences < 1 || aisSequenceTimeout.isNegative()) {
            throw new IllegalArgumentException("bad NMEA limits: " + maxSentenceLength + ", "
                    + lengthTolerance + ", " + maxLineLength + ", " + maxPendingAisSequences + ", "
                    + aisSequenceTimeout);
        }
    }

    /** Sentence and line limits with the default AIS limits. */
    public NmeaLimits(int maxSentenceLength, int lengthTolerance, int maxLineLength) {
        this(maxSentenceLength, lengthTolerance, maxLineLength, DEFAULT_PENDING_AIS,
                DEFAULT_AIS_TIMEOUT);
    }

    /** The longest sentence accepted: the standard's length plus the tolerance. */
    public int acceptedSentenceLength() {
        return maxSentenceLength + lengthTolerance;
    }

    /** These limits with other AIS reassembly limits. */
    public NmeaLimits withAis(int maxPending, Duration timeout) {
        return new NmeaLimits(maxSentenceLength, lengthTolerance, maxLineLength, maxPending, timeout);
    }
}
