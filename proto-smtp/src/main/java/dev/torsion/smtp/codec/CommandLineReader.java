package dev.torsion.smtp.codec;

/**
 * Cuts command lines out of an {@link InputBuffer}, bounded by a length limit that includes the
 * CR LF (RFC 5321 §4.5.3.1.4). A line too long is reported once and then discarded up to its LF,
 * so an endless line never grows the buffer. Only CR LF ends a line (RFC 5321 §2.3.8): a bare LF
 * is reported, never taken as the end of a command.
 */
public final class CommandLineReader {
    /** What {@link #next} found. */
    public enum Outcome {
        /** A whole line is ready in {@link #line()}. */
        LINE,
        /** More bytes are needed. */
        NEED_MORE,
        /** The line exceeded the limit; it is being discarded. */
        TOO_LONG,
        /** The line ended with a bare LF; it was dropped. */
        BARE_LF
    }

    private byte[] line;
    private boolean discarding;

    /**
     * Takes the next line (without its CR LF) from {@code input}, if a whole one is there.
     *
     * @param limit the longest line allowed, CR LF included
     */
    public Outcome next(InputBuffer input, int limit) {
        int lf = input.indexOf((byte) '\n', 0);
        if (discarding) {
            if (lf < 0) {
                input.clear();
                return Outcome.NEED_MORE;
            }
            input.skip(lf + 1);
            discarding = false;
            return Outcome.TOO_LONG;
        }
        if (lf < 0) {
            if (input.size() >= limit) {
                // No end in sight within the limit: report now, drop the rest of this line as it comes.
                input.clear();
                discarding = true;
            }
            return Outcome.NEED_MORE;
        }
        if (lf + 1 > limit) {
            input.skip(lf + 1);
            return Outcome.TOO_LONG;
        }
        if (lf == 0 || input.get(lf - 1) != '\r') {
            input.skip(lf + 1);
            return Outcome.BARE_LF;
        }
        line = input.take(lf - 1);
        input.skip(2);
        return Outcome.LINE;
    }

    /** The line found by the last {@link #next} that answered {@link Outcome#LINE}. */
    public byte[] line() {
        return line;
    }

    /** Whether the reader is dropping the rest of a line that was too long. */
    public boolean isDiscarding() {
        return discarding;
    }

    /** Forgets a partial line being discarded (after STARTTLS). */
    public void reset() {
        discarding = false;
        line = null;
    }
}
