package dev.torsion.xmpp;

import java.time.Duration;

/**
 * Every limit of an XMPP stream and session, with its default and the reply it earns. A peer that
 * passes one gets the stream error named below (RFC 6120 §4.9.3) and the stream is closed.
 *
 * @param maxStanzaSize bytes of one top-level element (the stream header included, and whitespace
 *     between stanzas): 256 KiB; beyond it {@code <policy-violation/>} (RFC 6120 §4.9.3.14, the
 *     example given there is a size limit)
 * @param maxDepth elements nested in one stanza, the stanza itself at depth 1: 32; beyond it
 *     {@code <policy-violation/>}
 * @param maxAttributes attributes of one element: 64; beyond it {@code <policy-violation/>}
 * @param maxNamespaces namespace declarations on one element: 16; beyond it {@code <policy-violation/>}
 * @param maxPendingBytes received bytes waiting while the session is busy (a login, a file
 *     read) before the transport is paused: 64 KiB; nothing is refused, reading waits
 * @param maxOfflineMessages stored offline messages per account (XEP-0160): 100; beyond it the
 *     message bounces with {@code <service-unavailable/>} (XEP-0160 §4)
 * @param maxRosterItems items in one roster: 1000; beyond it a roster set earns
 *     {@code <not-allowed/>} (RFC 6121 §2.3.3: the server MAY refuse)
 * @param maxResources bound resources per account: 10; beyond it binding earns
 *     {@code <resource-constraint/>} (RFC 6120 §7.6.2.1)
 * @param negotiationTimeout silence allowed before a resource is bound (TLS, SASL, binding): 60 s;
 *     then {@code <connection-timeout/>} (RFC 6120 §4.9.3.4)
 * @param idleTimeout silence of a bound session before it is closed: 10 min; then
 *     {@code <connection-timeout/>}
 * @param saslFailures failed SASL attempts on one stream: 3; then the stream is closed with
 *     {@code <policy-violation/>} (RFC 6120 §6.4.5 lets the server close after a configurable number)
 */
public record XmppLimits(int maxStanzaSize, int maxDepth, int maxAttributes, int maxNamespaces,
        int maxPendingBytes, int maxOfflineMessages, int maxRosterItems, int maxResources,
        Duration negotiationTimeout, Duration idleTimeout, int saslFailures) {

    /** The defaults listed above. */
    public static final XmppLimits DEFAULTS = new XmppLimits(256 * 1024, 32, 64, 16, 64 * 1024, 100, 1000, 10,
            Duration.ofSeconds(60), Duration.ofMinutes(10), 3);

    /** Checks that every limit is positive. */
    public XmppLimits {
        if (maxStanzaSize < 64 || maxDepth < 2 || maxAttributes < 1 || maxNamespaces < 1 || maxPendingBytes < 1
                || maxOfflineMessages < 0 || maxRosterItems < 1 || maxResources < 1 || saslFailures < 1) {
            throw new IllegalArgumentException("XMPP limits must be positive (stanza size at least 64, depth at least 2)");
        }
        if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("XMPP timeouts must be positive");
        }
    }

    /** These limits with another stanza size. */
    public XmppLimits withMaxStanzaSize(int bytes) {
        return new XmppLimits(bytes, maxDepth, maxAttributes, maxNamespaces, maxPendingBytes, maxOfflineMessages,
                maxRosterItems, maxResources, negotiationTimeout, idleTimeout, saslFailures);
    }

    /** These limits with another depth. */
    public XmppLimits withMaxDepth(int depth) {
        return new XmppLimits(maxStanzaSize, depth, maxAttributes, maxNamespaces, maxPendingBytes, maxOfflineMessages,
                maxRosterItems, maxResources, negotiationTimeout, idleTimeout, saslFailures);
    }

    /** These limits with another count of offline messages per account. */
    public XmppLimits withMaxOfflineMessages(int count) {
        return new XmppLimits(maxStanzaSize, maxDepth, maxAttributes, maxNamespaces, maxPendingBytes, count,
                maxRosterItems, maxResources, negotiationTimeout, idleTimeout, saslFailures);
    }
}
