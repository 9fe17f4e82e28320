package dev.torsion.xmpp.client;

/**
 * Why a client request or the whole stream failed: a SASL failure condition, a stream error, a
 * stanza error (the condition's element name), or TLS that the server does not offer.
 */
public final class XmppClientException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String condition;

    /** A failure with {@code condition} (an element name such as "not-authorized"). */
    public XmppClientException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    /** The condition's element name. */
    public String condition() {
        return condition;
    }
}
