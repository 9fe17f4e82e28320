package dev.torsion.xmpp.stream;

import java.util.Objects;

/** A violation of the stream that ends it with the stream error {@link #condition()} (RFC 6120 §4.9). */
public final class XmppStreamException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient StreamErrorCondition condition;

    /** A violation earning {@code condition}; {@code message} says what happened (for logs, not the peer). */
    public XmppStreamException(StreamErrorCondition condition, String message) {
        super(message);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /** The stream error this violation earns. */
    public StreamErrorCondition condition() {
        return condition;
    }
}
