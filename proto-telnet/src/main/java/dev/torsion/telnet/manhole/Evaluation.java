package dev.torsion.telnet.manhole;

import java.util.ArrayList;
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

    /** This evaluation with {@code printed} (what the snippet printed, if anything) shown first. */
    public Evaluation after(String printed) {
        if (printed.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>();
        all.add(printed);
        all.addAll(output);
        return new Evaluation(all, needsMore);
    }
}
