package dev.torsion.http.client;

/** No response came: the connection failed or closed before a response head arrived. */
public class ResponseNeverReceived extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public ResponseNeverReceived(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public ResponseNeverReceived(String message, Throwable cause) {
        super(message, cause);
    }
}
