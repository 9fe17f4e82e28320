package dev.torsion.internet.error;

/** The host name could not be resolved. */
public class DNSLookupError extends ConnectError {
    /** Creates the error with a message. */
    public DNSLookupError(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public DNSLookupError(String message, Throwable cause) {
        super(message, cause);
    }
}
