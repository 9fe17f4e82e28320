package dev.torsion.cred;

/**
 * Base of every reason a login did not succeed, as Twisted's {@code LoginFailed}. Messages never
 * contain a password, a key or a hint of whether the user exists.
 */
public class LoginFailed extends Exception {
    /** Creates the failure with a message that is safe to show to the peer and to log. */
    public LoginFailed(String message) {
        super(message);
    }

    /** Creates the failure with a safe message and an internal cause (for the server's log only). */
    public LoginFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
