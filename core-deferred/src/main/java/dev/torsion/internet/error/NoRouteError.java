package dev.torsion.internet.error;

/** No route to the host. */
public class NoRouteError extends ConnectError {
    /** Creates the error with a message. */
    public NoRouteError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public NoRouteError(String message, Throwable cause) {
        super(message, cause);
    }
}
