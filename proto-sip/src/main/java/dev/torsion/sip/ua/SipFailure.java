package dev.torsion.sip.ua;

import dev.torsion.sip.parse.SipResponse;

/** A request answered with a final failure (300 to 699), or a 408 when the transaction timed out. */
public final class SipFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;
    private final transient SipResponse response;

    /** A failure of {@code status}; {@code response} is null for a local timeout. */
    public SipFailure(int status, String reason, SipResponse response) {
        super(status + " " + reason, null, false, false);
        this.status = status;
        this.reason = reason;
        this.response = response;
    }

    /** The status. */
    public int status() {
        return status;
    }

    /** The reason phrase. */
    public String reason() {
        return reason;
    }

    /** The response, or null for a timeout. */
    public SipResponse response() {
        return response;
    }
}
