package dev.torsion.cred.ssh;

import java.util.Objects;

/** One key line of an {@code authorized_keys} file: its options, the key, its comment and where it was. */
public final class AuthorizedKey {
    private final AuthorizedKeyOptions options;
    private final SshKey key;
    private final String comment;
    private final int lineNumber;

    AuthorizedKey(AuthorizedKeyOptions options, SshKey key, String comment, int lineNumber) {
        this.options = Objects.requireNonNull(options, "options");
        this.key = Objects.requireNonNull(key, "key");
        this.comment = Objects.requireNonNull(comment, "comment");
        this.lineNumber = lineNumber;
    }

    /** The options written before the key. */
    public AuthorizedKeyOptions options() {
        return options;
    }

    /** The key. */
    public SshKey key() {
        return key;
    }

    /** The comment after the key (often user@host), or empty. */
    public String comment() {
        return comment;
    }

    /** The line it was on, counted from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    @Override
    public String toString() {
        return "AuthorizedKey(line " + lineNumber + ", " + key.type().sshName() + ", " + options + ")";
    }
}
