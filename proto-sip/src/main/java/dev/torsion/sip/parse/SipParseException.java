package dev.torsion.sip.parse;

/**
 * A message that breaks SIP's syntax or a limit. {@link #status()} and {@link #reason()} make the
 * status line a server answers a request with (400, 414, 505, 513); {@link #partial()} is what was
 * parsed of the message before the fault, so that the answer can copy its Via, From, To, Call-ID
 * and CSeq (RFC 3261 section 8.2.6.2), or null when not even the head could be read.
 */
public final class SipParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient SipMessage partial;

    /** A violation answered with {@code status} and {@code reason}. */
    public SipParseException(int status, String reason) {
        this(status, reason, null);
    }

    /** A violation found in {@code partial}, answered with {@code status} and {@code reason}. */
    public SipParseException(int status, String reason, SipMessage partial) {
        super(reason, null, false, false);
        this.status = status;
        this.partial = partial;
    }

    /** The status code a server replies with. */
    public int status() {
        return status;
    }

    /** The reason phrase a server replies with: what was wrong. */
    public String reason() {
        return getMessage();
    }

    /** The message as far as it was parsed, or null. */
    public SipMessage partial() {
        return partial;
    }

    /** The same fault, now knowing the message it was found in. */
    public SipParseException in(SipMessage message) {
        return new SipParseException(status, getMessage(), message);
    }
}
