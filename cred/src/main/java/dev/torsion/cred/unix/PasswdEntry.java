package dev.torsion.cred.unix;

import java.nio.file.Path;
import java.util.Objects;

/** One account of {@code /etc/passwd}: {@code name:password:uid:gid:gecos:home:shell}. */
public final class PasswdEntry {
    private final String name;
    private final String passwordField;
    private final long uid;
    private final long gid;
    private final Path home;
    private final String shell;

    /** An account as read from the file. */
    public PasswdEntry(String name, String passwordField, long uid, long gid, Path home, String shell) {
        this.name = Objects.requireNonNull(name, "name");
        this.passwordField = Objects.requireNonNull(passwordField, "passwordField");
        this.uid = uid;
        this.gid = gid;
        this.home = Objects.requireNonNull(home, "home");
        this.shell = Objects.requireNonNull(shell, "shell");
    }

    /** The login name. */
    public String name() {
        return name;
    }

    /** The password field: {@code x} when the hash is in {@code /etc/shadow}. */
    public String passwordField() {
        return passwordField;
    }

    /** The user id. */
    public long uid() {
        return uid;
    }

    /** The primary group id. */
    public long gid() {
        return gid;
    }

    /** The home directory. */
    public Path home() {
        return home;
    }

    /** The login shell. */
    public String shell() {
        return shell;
    }

    @Override
    public String toString() {
        return "PasswdEntry(" + name + ", uid=" + uid + ", home=" + home + ")";
    }
}
