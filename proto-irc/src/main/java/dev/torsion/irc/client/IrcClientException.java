package dev.torsion.irc.client;

/** A refusal from the server (its numeric and text), or a connection that ended first. */
public final class IrcClientException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String numeric;

    /** A failure with the server's {@code numeric} (or "" when there is none) and its text. */
    public IrcClientException(String numeric, String message) {
        super(numeric.isEmpty() ? message : numeric + " " + message);
        this.numeric = numeric;
    }

    /** The server's numeric, or "" when the failure is not a reply. */
    public String numeric() {
        return numeric;
    }
}
