package dev.torsion.telnet.manhole;

import java.util.List;

/**
 * What one line did in the shell.
 *
 * @param output lines to show (values, diagnostics, exceptions)
 * @param needsMore whether the source so far is an incomplete snippet awaiting more lines
 */
public record Evaluation(List<String> output, boolean needsMore) {
    /** Copies the output. */
    public Evaluation {
        output = List.copyOf(output);
    }
}
