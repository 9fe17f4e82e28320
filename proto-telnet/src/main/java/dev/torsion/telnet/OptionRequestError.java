package dev.torsion.telnet;

import dev.torsion.telnet.codec.RequestError;

/**
 * A request to change an option that RFC 1143 says not to send: already on, already off, already
 * asked, or already queued (Twisted's AlreadyEnabled, AlreadyDisabled, AlreadyNegotiating).
 */
public final class OptionRequestError extends Exception {
    private static final long serialVersionUID = 1L;

    private final RequestError error;

    /** The error {@code error} for the option named in {@code message}. */
    public OptionRequestError(RequestError error, String message) {
        super(message + ": " + error);
        this.error = error;
    }

    /** Why the request was not sent. */
    public RequestError error() {
        return error;
    }
}
