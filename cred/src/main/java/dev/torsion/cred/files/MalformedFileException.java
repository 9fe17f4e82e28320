package dev.torsion.cred.files;

import dev.torsion.cred.CheckerConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** An account or key file has malformed lines; the message lists each with its line number. */
public class MalformedFileException extends CheckerConfigurationException {
    private final Path file;
    private final List<LineProblem> problems;

    /** The file and its problems (at least one). */
    public MalformedFileException(Path file, List<LineProblem> problems) {
        super(file + ": " + problems.stream().map(LineProblem::toString).collect(Collectors.joining("; ")));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Its malformed lines, in order. */
    public List<LineProblem> problems() {
        return problems;
    }
}
