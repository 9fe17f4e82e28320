package dev.torsion.xmpp.client;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.server.roster.RosterItem;
import dev.torsion.xmpp.stream.XmlElement;

/** What a client hears from its server once bound; every method has a do-nothing default. */
public interface XmppClientListener {
    /** A message stanza (RFC 6121 §5). */
    default void messageReceived(XmlElement message) {
    }

    /** A presence stanza, subscription requests included (RFC 6121 §3, §4). */
    default void presenceReceived(XmlElement presence) {
    }

    /** A roster push adding or changing an item (RFC 6121 §2.1.6). */
    default void rosterPushed(RosterItem item) {
    }

    /** A roster push removing the item of {@code contact} (RFC 6121 §2.5). */
    default void rosterRemoved(Jid contact) {
    }

    /** The stream ended; {@code reason} is null when it ended cleanly. */
    default void streamEnded(XmppClientException reason) {
    }
}
