package dev.torsion.ftp.parse;

import java.util.Objects;

/**
 * A command of the control connection (RFC 959 §5.3): its verb in upper case and its argument,
 * everything after the single space that follows the verb ({@code ""} when there is none). The
 * argument is decoded UTF-8 (RFC 2640 §2.2) and holds no CR, LF or NUL.
 *
 * @param verb the command code, 1 to 4 ASCII letters, upper case (RFC 959 §5.3.1)
 * @param argument the argument, possibly empty
 */
public record FtpCommand(String verb, String argument) implements FtpInput {
    /** Checks the parts. */
    public FtpCommand {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(argument, "argument");
    }

    /** Whether the command came with an argument. */
    public boolean hasArgument() {
        return !argument.isEmpty();
    }

    @Override
    public String toString() {
        // PASS carries a secret: never print it (the server logs commands at debug level).
        return verb.equals("PASS") ? "PASS ****" : argument.isEmpty() ? verb : verb + " " + argument;
    }
}
