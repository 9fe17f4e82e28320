package dev.torsion.xmpp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.server.roster.Roster;
import dev.torsion.xmpp.server.roster.RosterItem;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rosters and presence (RFC 6121): roster get and set with pushes (§2), presence broadcast to
 * subscribers and the user's own resources (§4), and the subscription handshake between two local
 * accounts (§3), keeping both rosters and the unanswered requests.
 */
final class RosterService {
    private final XmppServer server;

    RosterService(XmppServer server) {
        this.server = server;
    }

    // ---------------------------------------------------------------- roster IQ (RFC 6121 §2)

    Deferred<Void> rosterIq(ClientSession from, XmlElement iq, XmlElement query) {
        String user = from.jid().local();
        Roster roster = server.loadedRoster(user);
        if ("get".equals(iq.attribute("type"))) {
            // RFC 6121 §2.1.3: the whole roster; the resource becomes an interested one.
            from.setRosterInterested();
            XmlElement.Builder result = XmlElement.builder(Namespaces.ROSTER, "query");
            for (RosterItem item : roster.items()) {
                result.child(item.toElement());
            }
            from.send(result(iq, result.build()));
            return null;
        }
        List<XmlElement> items = query.elements();
        // RFC 6121 §2.3.3: a set carries exactly one item with a valid, bare JID.
        if (items.size() != 1 || !items.get(0).is(Namespaces.ROSTER, "item")) {
            server.bounce(from, iq, StanzaErrors.BAD_REQUEST);
            return null;
        }
        XmlElement item = items.get(0);
        Jid contact = Jid.parse(item.attribute("jid"));
        if (contact == null) {
            server.bounce(from, iq, StanzaErrors.JID_MALFORMED);
            return null;
        }
        contact = contact.bare();
        if ("remove".equals(item.attribute("subscription"))) {
            return remove(from, iq, roster, contact);
        }
        List<String> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (XmlElement group : item.elements()) {
            String name = group.text();
            if (!group.is(Namespaces.ROSTER, "group") || name.isEmpty()) {
                // RFC 6121 §2.3.3: an empty group name is not acceptable.
                server.bounce(from, iq, StanzaErrors.NOT_ACCEPTABLE);
                return null;
            }
            if (!seen.add(name)) {
                server.bounce(from, iq, StanzaErrors.BAD_REQUEST); // duplicate group (§2.3.3)
                return null;
            }
            groups.add(name);
        }
        RosterItem existing = roster.get(contact);
        if (existing == null && roster.size() >= server.config().limits().maxRosterItems()) {
            server.bounce(from, iq, StanzaErrors.NOT_ALLOWED);
            return null;
        }
        RosterItem base = existing == null ? RosterItem.of(contact) : existing;
        // RFC 6121 §2.1.2.5: the client cannot change subscription or ask; the server keeps its own.
        RosterItem updated = new RosterItem(contact, item.attribute("name"), base.subscription(), base.ask(), groups);
        roster.put(updated);
        server.saveRoster(user);
        from.send(result(iq, null));
        server.push(user, updated.toElement());
        return null;
    }

    /** RFC 6121 §2.5: removing an item cancels both subscriptions. */
    private Deferred<Void> remove(ClientSession from, XmlElement iq, Roster roster, Jid contact) {
        String user = from.jid().local();
        RosterItem existing = roster.remove(contact);
        if (existing == null) {
            server.bounce(from, iq, StanzaErrors.ITEM_NOT_FOUND);
            return null;
        }
        roster.removePendingIn(contact);
        server.saveRoster(user);
        Jid userJid = from.jid().bare();
        // The contact hears of it before the user's request is answered, so that a client that
        // waits for the answer sees the effects done.
        Deferred<Void> effects = !server.isLocal(contact) ? Deferred.succeed(null)
                : server.roster(contact.local()).addCallback(contactRoster -> {
                    if (existing.subscription().hasTo() || existing.ask()) {
                        contactLostSubscriber(contactRoster, contact, userJid, "unsubscribe");
                    }
                    if (existing.subscription().hasFrom()) {
                        contactLostSubscription(contactRoster, contact, userJid, "unsubscribed");
                    }
                    return null;
                });
        return effects.addCallback(done -> {
            from.send(result(iq, null));
            server.push(user, XmlElement.builder(Namespaces.ROSTER, "item").attribute("jid", contact.toString())
                    .attribute("subscription", "remove").build());
            return null;
        });
    }

    // ---------------------------------------------------------------- presence (RFC 6121 §3, §4)

    Deferred<Void> presence(ClientSession from, XmlElement presence, Jid to) {
        String type = presence.attribute("type");
        if (type == null || type.equals("unavailable")) {
            if (to == null) {
                broadcastOwn(from, presence, type == null);
            } else {
                directed(presence, to);
            }
            return null;
        }
        switch (type) {
            case "subscribe", "subscribed", "unsubscribe", "unsubscribed" -> {
                return subscription(from, presence, to, type);
            }
            case "probe", "error" -> {
                return null; // RFC 6121 §4.3: probes are the server's business; errors end here
            }
            default -> {
                server.bounce(from, presence, StanzaErrors.BAD_REQUEST);
                return null;
            }
        }
    }

    /** RFC 6121 §4.2 and §4.5: available or unavailable presence of one resource. */
    private void broadcastOwn(ClientSession from, XmlElement presence, boolean available) {
        boolean initial = from.updatePresence(available ? presence : null);
        broadcast(from.jid(), presence);
        if (!initial) {
            return;
        }
        String user = from.jid().local();
        Roster roster = server.loadedRoster(user);
        // RFC 6121 §4.2.2: the presence of the contacts the user is subscribed to, and of the user's other resources.
        for (RosterItem item : roster.items()) {
            if (item.subscription().hasTo() && server.isLocal(item.jid())) {
                sendPresenceOf(item.jid().local(), from);
            }
        }
        sendPresenceOf(user, from);
        // RFC 6121 §3.1.3: subscription requests not answered yet come again.
        for (Jid requester : roster.pendingIn()) {
            from.send(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "subscribe")
                    .attribute("from", requester.toString()).attribute("to", from.jid().bare().toString()).build());
        }
        if (from.priority() >= 0) {
            server.flushOffline(from);
        }
    }

    /** Sends the current presence of every available resource of {@code user} (but {@code receiver}) to {@code receiver}. */
    private void sendPresenceOf(String user, ClientSession receiver) {
        for (ClientSession session : server.availableSessions(user)) {
            if (session != receiver) {
                receiver.send(session.presence().toBuilder().attribute("to", receiver.jid().toString()).build());
            }
        }
    }

    /** Sends {@code presence} of {@code jid} to its subscribers' available resources and to its own other resources. */
    void broadcast(Jid jid, XmlElement presence) {
        Roster roster = server.loadedRoster(jid.local());
        if (roster != null) {
            for (RosterItem item : roster.items()) {
                if (item.subscription().hasFrom() && server.isLocal(item.jid())) {
                    deliverPresence(presence, item.jid());
                }
            }
        }
        for (ClientSession session : server.availableSessions(jid.local())) {
            if (!session.jid().equals(jid)) {
                session.send(presence.toBuilder().attribute("to", session.jid().toString()).build());
            }
        }
    }

    /** Delivers a presence to the available resources of a local bare JID, or to one full JID. */
    private void deliverPresence(XmlElement presence, Jid to) {
        if (!to.isBare()) {
            ClientSession session = server.session(to);
            if (session != null) {
                session.send(presence.toBuilder().attribute("to", to.toString()).build());
            }
            return;
        }
        for (ClientSession session : server.availableSessions(to.local())) {
            session.send(presence.toBuilder().attribute("to", to.toString()).build());
        }
    }

    /** RFC 6121 §4.6: directed presence goes to the target only. */
    private void directed(XmlElement presence, Jid to) {
        if (server.isLocal(to)) {
            deliverPresence(presence, to);
        }
    }

    // ---------------------------------------------------------------- subscriptions (RFC 6121 §3)

    private Deferred<Void> subscription(ClientSession from, XmlElement presence, Jid to, String type) {
        if (to == null) {
            server.bounce(from, presence, StanzaErrors.BAD_REQUEST);
            return null;
        }
        Jid contact = to.bare();
        if (!server.isLocal(contact)) {
            server.bounce(from, presence, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
            return null;
        }
        Jid user = from.jid().bare();
        Roster own = server.loadedRoster(user.local());
        return server.roster(contact.local()).addCallback(contactRoster -> {
            switch (type) {
                case "subscribe" -> subscribe(own, user, contactRoster, contact);
                case "subscribed" -> approve(own, user, contactRoster, contact);
                case "unsubscribe" -> {
                    RosterItem item = own.get(contact);
                    if (item != null && (item.subscription().hasTo() || item.ask())) {
                        update(user.local(), own, item.withSubscription(item.subscription().removeTo()).withAsk(false));
                    }
                    contactLostSubscriber(contactRoster, contact, user, "unsubscribe");
                }
                default -> {
                    boolean wasPending = own.removePendingIn(contact);
                    RosterItem item = own.get(contact);
                    if (item != null && item.subscription().hasFrom()) {
                        update(user.local(), own, item.withSubscription(item.subscription().removeFrom()));
                    } else if (wasPending) {
                        server.saveRoster(user.local());
                    }
                    contactLostSubscription(contactRoster, contact, user, "unsubscribed");
                }
            }
            return null;
        });
    }

    /** RFC 6121 §3.1.2-§3.1.3: the user asks for the contact's presence. */
    private void subscribe(Roster own, Jid user, Roster contactRoster, Jid contact) {
        RosterItem item = own.get(contact);
        if (item == null) {
            if (own.size() >= server.config().limits().maxRosterItems()) {
                return;
            }
            item = RosterItem.of(contact);
        }
        if (!item.subscription().hasTo() && !item.ask()) {
            update(user.local(), own, item.withAsk(true));
        }
        RosterItem reverse = contactRoster.get(user);
        if (reverse != null && reverse.subscription().hasFrom()) {
            // RFC 6121 §3.1.3: already approved: the contact's server answers for it.
            approve(contactRoster, contact, own, user);
            return;
        }
        if (contactRoster.addPendingIn(user)) {
            server.saveRoster(contact.local());
        }
        deliverPresence(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "subscribe")
                .attribute("from", user.toString()).build(), contact);
    }

    /** RFC 6121 §3.1.5-§3.1.6: {@code approver} lets {@code requester} see its presence. */
    private void approve(Roster approverRoster, Jid approver, Roster requesterRoster, Jid requester) {
        boolean wasPending = approverRoster.removePendingIn(requester);
        RosterItem approverItem = approverRoster.get(requester);
        if (!wasPending && (approverItem == null || approverItem.subscription().hasFrom())) {
            return; // nothing was asked, or it is approved already (§3.1.5)
        }
        RosterItem base = approverItem == null ? RosterItem.of(requester) : approverItem;
        update(approver.local(), approverRoster, base.withSubscription(base.subscription().addFrom()));
        RosterItem requesterItem = requesterRoster.get(approver);
        RosterItem requesterBase = requesterItem == null ? RosterItem.of(approver) : requesterItem;
        update(requester.local(), requesterRoster, requesterBase.withSubscription(requesterBase.subscription().addTo()).withAsk(false));
        deliverPresence(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "subscribed")
                .attribute("from", approver.toString()).build(), requester);
        // RFC 6121 §3.1.5: the approver's current presence follows.
        for (ClientSession session : server.availableSessions(approver.local())) {
            deliverPresence(session.presence(), requester);
        }
    }

    /** RFC 6121 §3.3: {@code user} stops seeing {@code contact}'s presence. */
    private void contactLostSubscriber(Roster contactRoster, Jid contact, Jid user, String type) {
        contactRoster.removePendingIn(user);
        // The presence first, then the roster push (RFC 6121 §3.3.3): a client that waits for
        // the push has then seen the presence too.
        deliverPresence(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", type)
                .attribute("from", user.toString()).build(), contact);
        RosterItem item = contactRoster.get(user);
        if (item != null && item.subscription().hasFrom()) {
            update(contact.local(), contactRoster, item.withSubscription(item.subscription().removeFrom()));
        } else {
            server.saveRoster(contact.local());
        }
        for (ClientSession session : server.availableSessions(contact.local())) {
            deliverPresence(unavailable(session.jid()), user);
        }
    }

    /** RFC 6121 §3.2: {@code user} stops letting {@code contact} see its presence. */
    private void contactLostSubscription(Roster contactRoster, Jid contact, Jid user, String type) {
        deliverPresence(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", type)
                .attribute("from", user.toString()).build(), contact);
        RosterItem item = contactRoster.get(user);
        if (item != null && (item.subscription().hasTo() || item.ask())) {
            update(contact.local(), contactRoster, item.withSubscription(item.subscription().removeTo()).withAsk(false));
        }
        for (ClientSession session : server.availableSessions(user.local())) {
            deliverPresence(unavailable(session.jid()), contact);
        }
    }

    private static XmlElement unavailable(Jid from) {
        return XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "unavailable")
                .attribute("from", from.toString()).build();
    }

    private void update(String user, Roster roster, RosterItem item) {
        roster.put(item);
        server.saveRoster(user);
        server.push(user, item.toElement());
    }

    private static XmlElement result(XmlElement iq, XmlElement payload) {
        XmlElement.Builder result = XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result")
                .attribute("id", iq.attribute("id")).attribute("to", iq.attribute("from"));
        if (payload != null) {
            result.child(payload);
        }
        return result.build();
    }
}
