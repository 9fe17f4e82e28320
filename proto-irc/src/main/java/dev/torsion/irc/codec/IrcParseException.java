package dev.torsion.irc.codec;

/** A line that is not an IRC message; {@link #reason()} says why and which reply it earns. */
public final class IrcParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a line was refused, with the numeric it earns from a server. */
    public enum Reason {
        /** The message without tags is over the line limit: {@code 417 ERR_INPUTTOOLONG}. */
        INPUT_TOO_LONG("417"),
        /** The tag section is over the tag limit: {@code 417 ERR_INPUTTOOLONG}. */
        TAGS_TOO_LONG("417"),
        /** A NUL byte, which no part of a message may hold (Modern IRC): {@code 400 ERR_UNKNOWNERROR}. */
        NUL_BYTE("400"),
        /** A CR that does not end the line (RFC 1459 §2.3): {@code 400 ERR_UNKNOWNERROR}. */
        BARE_CR("400"),
        /** A tag section that does not follow the message-tags grammar: {@code 400 ERR_UNKNOWNERROR}. */
        BAD_TAGS("400"),
        /** Tags or a source and then nothing: {@code 400 ERR_UNKNOWNERROR}. */
        NO_COMMAND("400"),
        /** A command that is neither letters nor three digits: {@code 421 ERR_UNKNOWNCOMMAND}. */
        BAD_COMMAND("421");

        private final String numeric;

        Reason(String numeric) {
            this.numeric = numeric;
        }

        /** The numeric reply a server sends for this reason. */
        public String numeric() {
            return numeric;
        }
    }

    private final Reason reason;
    private final String command;

    /** A refusal for {@code reason}; {@code command} is what stood in the command's place, or "*". */
    public IrcParseException(Reason reason, String command, String message) {
        super(message);
        this.reason = reason;
        this.command = command;
    }

    /** Why the line was refused. */
    public Reason reason() {
        return reason;
    }

    /** What stood where the command goes (for 421), or "*". */
    public String command() {
        return command;
    }
}
