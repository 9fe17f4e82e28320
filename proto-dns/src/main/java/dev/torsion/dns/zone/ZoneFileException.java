package dev.torsion.dns.zone;

/** A zone file that cannot be loaded: the file, line and reason. */
public final class ZoneFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error at {@code file}:{@code line}. */
    public ZoneFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }

    /** An error at {@code file}:{@code line} with its cause. */
    public ZoneFileException(String file, int line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
    }
}
