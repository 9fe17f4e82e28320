package dev.torsion.cred.files;

import java.util.Objects;

/**
 * A malformed line of an account or key file: where, and why. The reason never quotes the line,
 * which may hold a password or a hash.
 */
public final class LineProblem {
    private final int lineNumber;
    private final String reason;

    /** A problem on line {@code lineNumber} (counted from 1). */
    public LineProblem(int lineNumber, String reason) {
        this.lineNumber = lineNumber;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The line number, counted from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Why the line is malformed. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineProblem && ((LineProblem) other).lineNumber == lineNumber
                && ((LineProblem) other).reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lineNumber, reason);
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
