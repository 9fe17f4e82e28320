package dev.torsion.xmpp.sasl;

import java.util.Objects;

/** A SASL exchange that ends in {@code <failure/>} with {@link #condition()} (RFC 6120 §6.4.5). */
public final class SaslException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SaslCondition condition;

    /** A failure with {@code condition}; {@code message} is for logs. */
    public SaslException(SaslCondition condition, String message) {
        super(message);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /** The failure condition. */
    public SaslCondition condition() {
        return condition;
    }
}
