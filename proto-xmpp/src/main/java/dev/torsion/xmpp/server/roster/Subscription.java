package dev.torsion.xmpp.server.roster;

import java.util.Locale;

/**
 * The subscription state of a roster item (RFC 6121 §2.1.2.5): whether the user receives the
 * contact's presence ("to"), the contact receives the user's ("from"), both, or neither. Each
 * method is one transition of RFC 6121 Appendix A.
 */
public enum Subscription {
    /** Neither receives the other's presence. */
    NONE,
    /** The user receives the contact's presence. */
    TO,
    /** The contact receives the user's presence. */
    FROM,
    /** Both. */
    BOTH;

    /** The contact approved the user's request (A.2.2 "subscribed"). */
    public Subscription addTo() {
        return this == NONE || this == TO ? TO : BOTH;
    }

    /** The contact cancelled or refused (A.2.2 "unsubscribed"). */
    public Subscription removeTo() {
        return this == BOTH || this == FROM ? FROM : NONE;
    }

    /** The user approved the contact's request (A.3.2 "subscribed" outbound). */
    public Subscription addFrom() {
        return this == NONE || this == FROM ? FROM : BOTH;
    }

    /** The user cancelled the contact's subscription (A.3.2 "unsubscribed" outbound). */
    public Subscription removeFrom() {
        return this == BOTH || this == TO ? TO : NONE;
    }

    /** Whether the user receives the contact's presence. */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** Whether the contact receives the user's presence. */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    /** The attribute value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code value}, or null. */
    public static Subscription of(String value) {
        for (Subscription s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
