package dev.torsion.sip.parse;

/** A SIP response (RFC 3261 section 7.2): status, reason phrase, header fields and body. */
public final class SipResponse extends SipMessage {
    private final int status;
    private final String reason;

    /** A response with {@code status} and {@code reason}. */
    public SipResponse(int status, String reason, SipHeaders headers, byte[] body) {
        super(headers, body);
        this.status = status;
        this.reason = reason;
    }

    /** The status code, 100 to 699. */
    public int status() {
        return status;
    }

    /** The reason phrase. */
    public String reason() {
        return reason;
    }

    /** Whether the status is 1xx. */
    public boolean isProvisional() {
        return status < 200;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A copy with its own header list. */
    public SipResponse copy() {
        return new SipResponse(status, reason, new SipHeaders(headers()), body().clone());
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
