package dev.torsion.nntp.client;

/** A command the server refused (a 4xx or 5xx answer), or an answer the client could not read. */
public final class NntpClientException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient NntpResponse response;

    /** The server answered {@code response}. */
    public NntpClientException(NntpResponse response) {
        super(response.toString(), null, false, false);
        this.response = response;
    }

    /** The client could not go on: {@code reason}. */
    public NntpClientException(String reason) {
        super(reason, null, false, false);
        this.response = null;
    }

    /** The refusal's code, or 0 when the failure was the client's. */
    public int code() {
        return response == null ? 0 : response.code();
    }

    /** The server's answer, or null. */
    public NntpResponse response() {
        return response;
    }
}
