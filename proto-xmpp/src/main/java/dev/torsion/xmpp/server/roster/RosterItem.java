package dev.torsion.xmpp.server.roster;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.List;
import java.util.Objects;

/**
 * One roster item (RFC 6121 §2.1.2): the contact's bare JID, an optional name, the subscription
 * state, whether the user's subscription request is pending ("ask", §2.1.2.2) and the groups.
 */
public record RosterItem(Jid jid, String name, Subscription subscription, boolean ask, List<String> groups) {
    /** An item; groups are copied. */
    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(subscription, "subscription");
        groups = List.copyOf(groups);
    }

    /** A new item with no subscription. */
    public static RosterItem of(Jid jid) {
        return new RosterItem(jid, null, Subscription.NONE, false, List.of());
    }

    /** This item with another subscription. */
    public RosterItem withSubscription(Subscription newSubscription) {
        return new RosterItem(jid, name, newSubscription, ask, groups);
    }

    /** This item with the pending flag set or cleared. */
    public RosterItem withAsk(boolean pending) {
        return new RosterItem(jid, name, subscription, pending, groups);
    }

    /** The {@code <item/>} element (RFC 6121 §2.1.2). */
    public XmlElement toElement() {
        XmlElement.Builder item = XmlElement.builder(Namespaces.ROSTER, "item").attribute("jid", jid.toString())
                .attribute("name", name).attribute("subscription", subscription.value())
                .attribute("ask", ask ? "subscribe" : null);
        for (String group : groups) {
            item.textChild("group", group);
        }
        return item.build();
    }
}
