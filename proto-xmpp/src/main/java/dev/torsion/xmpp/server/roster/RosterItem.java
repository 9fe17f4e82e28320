package dev.torsion.xmpp.server.roster;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.ArrayList;
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

    /** The item an {@code <item/>} element describes, or null when it is not a valid item (or a removal). */
    public static RosterItem fromElement(XmlElement item) {
        Jid jid = Jid.parse(item.attribute("jid"));
        Subscription subscription = Subscription.of(item.attribute("subscription") == null ? "none" : item.attribute("subscription"));
        if (jid == null || subscription == null) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (XmlElement group : item.elements()) {
            if (group.is(Namespaces.ROSTER, "group")) {
                groups.add(group.text());
            }
        }
        return new RosterItem(jid.bare(), item.attribute("name"), subscription, "subscribe".equals(item.attribute("ask")), groups);
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
