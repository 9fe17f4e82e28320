package dev.torsion.internet.error;

/** The connection attempt was stopped by its own side (stopConnecting or a cancelled Deferred). */
public class UserCancelledConnect extends ConnectError {
    /** Creates the error with a message. */
    public UserCancelledConnect(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public UserCancelledConnect(String message, Throwable cause) {
        super(message, cause);
    }
}
