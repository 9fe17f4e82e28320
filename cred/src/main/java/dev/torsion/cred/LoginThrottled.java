package dev.torsion.cred;

/**
 * The login was not checked: too many failed attempts came from the client's address lately, or too
 * many slow password checks are waiting already. It is not a verdict on the credentials; the peer
 * may try again later. Protocols answer it as any other {@link LoginFailed}.
 */
public class LoginThrottled extends LoginFailed {
    /** The one message every throttled login carries. */
    public static final String MESSAGE = "too many login attempts; try again later";

    /** Creates the failure with the standard message. */
    public LoginThrottled() {
        super(MESSAGE);
    }
}
