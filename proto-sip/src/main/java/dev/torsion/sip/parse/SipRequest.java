package dev.torsion.sip.parse;

/** A SIP request (RFC 3261 section 7.1): method, Request-URI, header fields and body. */
public final class SipRequest extends SipMessage {
    /** {@code INVITE}. */
    public static final String INVITE = "INVITE";
    /** {@code ACK}. */
    public static final String ACK = "ACK";
    /** {@code BYE}. */
    public static final String BYE = "BYE";
    /** {@code CANCEL}. */
    public static final String CANCEL = "CANCEL";
    /** {@code OPTIONS}. */
    public static final String OPTIONS = "OPTIONS";
    /** {@code REGISTER}. */
    public static final String REGISTER = "REGISTER";

    private final String method;
    private String uri;

    /** A request of {@code method} to {@code uri}. */
    public SipRequest(String method, String uri, SipHeaders headers, byte[] body) {
        super(headers, body);
        this.method = method;
        this.uri = uri;
    }

    /** The method, case-sensitive (section 7.1). */
    public String method() {
        return method;
    }

    /** Whether the method is {@code name}. */
    public boolean is(String name) {
        return method.equals(name);
    }

    /** The Request-URI as written. */
    public String uri() {
        return uri;
    }

    /** Replaces the Request-URI (a proxy's target, section 16.6 step 2). */
    public void setUri(String newUri) {
        this.uri = newUri;
    }

    /** A copy with its own header list: a proxy forwards copies (section 16.6 step 1). */
    public SipRequest copy() {
        return new SipRequest(method, uri, new SipHeaders(headers()), body().clone());
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
