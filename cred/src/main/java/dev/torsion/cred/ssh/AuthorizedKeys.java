package dev.torsion.cred.ssh;

import dev.torsion.cred.files.LineProblem;
import java.util.List;

/** The keys of one {@code authorized_keys} file and the lines that could not be used. */
public final class AuthorizedKeys {
    private final List<AuthorizedKey> keys;
    private final List<LineProblem> problems;

    AuthorizedKeys(List<AuthorizedKey> keys, List<LineProblem> problems) {
        this.keys = List.copyOf(keys);
        this.problems = List.copyOf(problems);
    }

    /** The usable keys, in file order. */
    public List<AuthorizedKey> keys() {
        return keys;
    }

    /** The lines skipped, with why. */
    public List<LineProblem> problems() {
        return problems;
    }
}
