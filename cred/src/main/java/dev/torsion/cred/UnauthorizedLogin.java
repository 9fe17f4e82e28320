package dev.torsion.cred;

/**
 * The credentials were wrong: unknown user, wrong password, key not authorized, locked account.
 * The message is deliberately the same in every case so that a peer cannot tell which.
 */
public class UnauthorizedLogin extends LoginFailed {
    /** The one message every refused login carries. */
    public static final String MESSAGE = "login refused";

    /** Creates the failure with the standard message. */
    public UnauthorizedLogin() {
        super(MESSAGE);
    }

    /** Creates the failure with the standard message and an internal cause (for the server's log only). */
    public UnauthorizedLogin(Throwable cause) {
        super(MESSAGE, cause);
    }
}
