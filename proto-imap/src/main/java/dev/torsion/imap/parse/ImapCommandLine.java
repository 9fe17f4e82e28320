package dev.torsion.imap.parse;

import java.util.List;

/**
 * One whole command as it came off the wire: its lines without CR LF, and between each two lines
 * the literal that the first announced (RFC 3501 §4.3): {@code lines.size() == literals.size() + 1}.
 *
 * @param lines the lines; every one but the last ends with a literal's {@code {n}}, {@code {n+}} or {@code {n-}}
 * @param literals the literals' octets
 */
public record ImapCommandLine(List<byte[]> lines, List<byte[]> literals) {
    /** Copies the lists and checks their shape. */
    public ImapCommandLine {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException("a command has one line more than literals");
        }
    }

    /** A command of one line and no literal. */
    public static ImapCommandLine of(byte[] line) {
        return new ImapCommandLine(List.of(line), List.of());
    }
}
