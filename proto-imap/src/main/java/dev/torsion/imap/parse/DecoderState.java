package dev.torsion.imap.parse;

/**
 * Where the command decoder stands (RFC 3501 §2.2, §4.3): reading a line of a command, reading
 * the octets of a literal announced at the end of a line, reading one line that is not a command
 * (an AUTHENTICATE response, IDLE's DONE), or failed for good. One method per transition.
 */
public enum DecoderState {
    /** Reading a line: the first of a command, or one after a literal. */
    LINE,
    /** Reading the octets of a literal. */
    LITERAL,
    /** Reading one line that is not a command (RFC 3501 §7.5 continuation answers). */
    RAW_LINE,
    /** The input can no longer be followed; nothing more is read (terminal). */
    FAILED;

    /** A line ended with a literal's size. */
    DecoderState literalAnnounced() {
        return require(this == LINE, LITERAL);
    }

    /** The literal's last octet arrived: the command goes on with a line. */
    DecoderState literalRead() {
        return require(this == LITERAL, LINE);
    }

    /** The server asked for one raw line. */
    DecoderState rawLineExpected() {
        return require(this == LINE, RAW_LINE);
    }

    /** The raw line arrived. */
    DecoderState rawLineRead() {
        return require(this == RAW_LINE, LINE);
    }

    /** A synchronising literal was refused: the command is dropped, the next line starts a new one. */
    DecoderState commandDropped() {
        return require(this == LINE, LINE);
    }

    /** The input cannot be followed. */
    DecoderState fail() {
        return FAILED;
    }

    private DecoderState require(boolean allowed, DecoderState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
