package dev.torsion.app.privileges;

/** The runner could not change (or may not change) its identity as asked. */
public final class PrivilegeException extends RuntimeException {
    /** Creates the exception with a message for the user. */
    public PrivilegeException(String message) {
        super(message);
    }

    /** Creates the exception with a message for the user and the error behind it. */
    public PrivilegeException(String message, Throwable cause) {
        super(message, cause);
    }
}
