package dev.torsion.ftp.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A path in the user's view of the file system: absolute, normalized, with {@code /} as the user's
 * root. Resolving {@code ..} past the root stays at the root (RFC 959 leaves pathnames to the
 * server; this is how a chroot behaves), so no argument can name anything outside the user's tree.
 * The file system still checks symbolic links on disk.
 */
public final class FtpPath {
    /** The user's root. */
    public static final FtpPath ROOT = new FtpPath(List.of());

    private final List<String> names;

    private FtpPath(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * {@code argument} resolved against this directory: absolute when it starts with {@code /},
     * relative otherwise; {@code .} and empty segments are skipped, {@code ..} goes up (never above
     * the root).
     */
    public FtpPath resolve(String argument) {
        List<String> out = argument.startsWith("/") ? new ArrayList<>() : new ArrayList<>(names);
        for (String name : argument.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(name);
        }
        return new FtpPath(out);
    }

    /** The parent directory (the root's parent is the root). */
    public FtpPath parent() {
        return names.isEmpty() ? this : new FtpPath(names.subList(0, names.size() - 1));
    }

    /** The last name, empty for the root. */
    public String name() {
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    /** The names from the root down. */
    public List<String> names() {
        return names;
    }

    /** Whether this is the root. */
    public boolean isRoot() {
        return names.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FtpPath path && path.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /** The path as the user sees it: {@code /a/b}, or {@code /}. */
    @Override
    public String toString() {
        return names.isEmpty() ? "/" : "/" + String.join("/", names);
    }
}
