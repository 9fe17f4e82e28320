package dev.torsion.nmea;

/**
 * Every limit the NMEA codec applies, with its default and what exceeding it earns.
 *
 * <p>Nothing here is ever thrown: a stream from a receiver is noisy by nature, so each breach
 * drops the offending line, reports it to the positioning receiver and the stream goes on.
 *
 * @param maxSentenceLength the longest sentence NMEA 0183 allows, from the {@code $} to the
 *     checksum inclusive, without CR LF: 82 characters (NMEA 0183 v4.11, section 5.3).
 * @param lengthTolerance characters beyond {@code maxSentenceLength} still accepted, because real
 *     receivers exceed the standard (u-blox and Trimble RTK units send 90 to 200-character GGA and
 *     RMC sentences). Default 128. A longer sentence earns {@code Rejection.Reason.TOO_LONG}.
 * @param maxLineLength the longest line the framer buffers before the LF, default 1024 bytes; a
 *     longer line is discarded up to its LF without buffering and earns
 *     {@code Rejection.Reason.LINE_TOO_LONG}, so a stream that never sends LF cannot grow memory.
 */
public record NmeaLimits(int maxSentenceLength, int lengthTolerance, int maxLineLength) {

    /** The defaults: 82 characters, a tolerance of 128 more, lines of at most 1024 bytes. */
    public static final NmeaLimits DEFAULTS = new NmeaLimits(82, 128, 1024);

    /** Validates the limits. */
    public NmeaLimits {
        if (maxSentenceLength < 11 || lengthTolerance < 0 || maxLineLength < maxSentenceLength) {
            throw new IllegalArgumentException("bad NMEA limits: " + maxSentenceLength + ", "
                    + lengthTolerance + ", " + maxLineLength);
        }
    }

    /** The longest sentence accepted: the standard's length plus the tolerance. */
    public int acceptedSentenceLength() {
        return maxSentenceLength + lengthTolerance;
    }
}
