package dev.torsion.pop3.codec;

import java.util.List;

/**
 * One POP3 command: its keyword in upper case and its arguments (RFC 1939 §3).
 *
 * @param keyword the keyword, upper case
 * @param arguments the space-separated arguments; PASS has its whole rest as one argument
 */
public record Pop3Command(String keyword, List<String> arguments) {
    /** Copies the arguments. */
    public Pop3Command {
        arguments = List.copyOf(arguments);
    }

    /** The argument at {@code index}. */
    public String argument(int index) {
        return arguments.get(index);
    }
}
