package dev.torsion.cred;

/**
 * A checker cannot be set up: an unknown checker kind, a malformed password file, an unreadable
 * {@code /etc/shadow}. Thrown when the server is configured, so that it fails at start-up with a
 * message that says what to fix. Messages never contain secrets.
 */
public class CheckerConfigurationException extends RuntimeException {
    /** Creates the exception with a message that says what to fix. */
    public CheckerConfigurationException(String message) {
        super(message);
    }

    /** Creates the exception with a message that says what to fix and its cause. */
    public CheckerConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
