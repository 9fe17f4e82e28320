package dev.torsion.nntp.parse;

import java.util.List;

/**
 * One NNTP command (RFC 3977 §3.1): its keyword in upper case and its arguments.
 *
 * @param keyword the keyword, upper case
 * @param arguments the arguments, split on runs of spaces and tabs; AUTHINFO PASS keeps the rest
 *     of its line as one argument
 */
public record NntpCommand(String keyword, List<String> arguments) {
    /** Copies the arguments. */
    public NntpCommand {
        arguments = List.copyOf(arguments);
    }

    /** The argument at {@code index}. */
    public String argument(int index) {
        return arguments.get(index);
    }

    /** How many arguments there are. */
    public int count() {
        return arguments.size();
    }
}
