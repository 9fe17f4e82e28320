package dev.torsion.xmpp.muc;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.muc.Occupant.Affiliation;
import dev.torsion.xmpp.muc.Occupant.Role;
import dev.torsion.xmpp.server.StanzaErrors;
import dev.torsion.xmpp.stream.XmlElement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One room of the chat service (XEP-0045) with the default configuration: public, open,
 * unmoderated, semi-anonymous (real JIDs shown to moderators only), temporary (gone when the last
 * occupant leaves), subject changed by moderators. Whoever creates it is its owner (and a
 * moderator); everyone else joins as a participant with no affiliation. It is created unlocked, as
 * an instant room (§10.1.2) with status 201 in the owner's presence.
 */
final class Room {
    /** XEP-0045 §16.6 status codes. */
    static final String SELF = "110";
    static final String CREATED = "201";
    static final String NICK_CHANGED = "303";

    private final Jid jid;
    private final MucLimits limits;
    private final Clock wallClock;
    private final Consumer<XmlElement> out;
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final Deque<XmlElement> history = new ArrayDeque<>();
    private XmlElement subject;

    /** A new room {@code jid} (bare), sending its stanzas to {@code out}. */
    Room(Jid jid, MucLimits limits, Clock wallClock, Consumer<XmlElement> out) {
        this.jid = jid;
        this.limits = limits;
        this.wallClock = wallClock;
        this.out = out;
        this.subject = XmlElement.builder(Namespaces.CLIENT, "message").attribute("type", "groupchat")
                .attribute("from", jid.toString()).child(XmlElement.empty(Namespaces.CLIENT, "subject")).build();
    }

    Jid jid() {
        return jid;
    }

    boolean isEmpty() {
        return occupants.isEmpty();
    }

    int size() {
        return occupants.size();
    }

    /** The occupant whose real full JID is {@code real}, or null. */
    Occupant occupantOf(Jid real) {
        for (Occupant occupant : occupants.values()) {
            if (occupant.realJid().equals(real)) {
                return occupant;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- presence (XEP-0045 §7.2, §7.6, §7.14)

    /** Available presence from {@code from} to {@code nick}: a join, a presence update or a nickname change. */
    void available(XmlElement presence, Jid from, String nick) {
        Occupant current = occupantOf(from);
        Occupant holder = occupants.get(nick);
        if (holder != null && !holder.realJid().equals(from)) {
            // §7.2.9: the nickname is someone else's.
            error(presence, StanzaErrors.CONFLICT);
            return;
        }
        if (current == null) {
            join(presence, from, nick);
        } else if (!current.nick().equals(nick)) {
            changeNick(current, presence, nick);
        } else {
            Occupant updated = current.withPresence(presence);
            occupants.put(nick, updated);
            if (presence.child(Namespaces.MUC, "x").isPresent()) {
                // A join again from a client that lost track of the room: it gets the room's state anew.
                sendRoomState(updated, presence, false, true);
            } else {
                // §7.7: a presence update goes to every occupant.
                broadcastPresence(updated, null, List.of());
            }
        }
    }

    /** Whether one more occupant may join (§7.2.10). */
    boolean full() {
        return occupants.size() >= limits.maxOccupants();
    }

    private void join(XmlElement presence, Jid from, String nick) {
        if (full()) {
            error(presence, StanzaErrors.SERVICE_UNAVAILABLE);
            return;
        }
        // Rooms are temporary: an empty room is one being created by this join.
        boolean creating = occupants.isEmpty();
        Occupant occupant = creating ? new Occupant(nick, from, Role.MODERATOR, Affiliation.OWNER, presence)
                : new Occupant(nick, from, Role.PARTICIPANT, Affiliation.NONE, presence);
        // §7.2.3: the new occupant gets the others' presence, the others get the new one's.
        for (Occupant other : occupants.values()) {
            out.accept(presenceOf(other, occupant, "available", List.of()));
            out.accept(presenceOf(occupant, other, "available", List.of()));
        }
        occupants.put(nick, occupant);
        sendRoomState(occupant, presence, creating, false);
    }

    /**
     * Self-presence last (§7.2.3), then the history (§7.2.15), then the subject (§7.2.16); with
     * {@code othersToo} the other occupants' presence first (a join again).
     */
    private void sendRoomState(Occupant occupant, XmlElement joinPresence, boolean created, boolean othersToo) {
        if (othersToo) {
            for (Occupant other : occupants.values()) {
                if (!other.nick().equals(occupant.nick())) {
                    out.accept(presenceOf(other, occupant, "available", List.of()));
                }
            }
        }
        out.accept(presenceOf(occupant, occupant, "available", created ? List.of(SELF, CREATED) : List.of(SELF)));
        String to = occupant.realJid().toString();
        for (XmlElement message : historyFor(joinPresence)) {
            out.accept(message.toBuilder().attribute("to", to).build());
        }
        out.accept(subject.toBuilder().attribute("to", to).build());
    }

    /** §7.2.15: the last messages, fewer when the join asked {@code <history maxstanzas/>} or {@code maxchars='0'}. */
    private List<XmlElement> historyFor(XmlElement joinPresence) {
        int count = history.size();
        XmlElement request = joinPresence.child(Namespaces.MUC, "x").flatMap(x -> x.child(Namespaces.MUC, "history")).orElse(null);
        if (request != null) {
            count = Math.min(count, parseLimit(request.attribute("maxstanzas"), count));
            if ("0".equals(request.attribute("maxchars"))) {
                count = 0;
            }
        }
        List<XmlElement> all = new ArrayList<>(history);
        return all.subList(all.size() - count, all.size());
    }

    private static int parseLimit(String text, int otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** §7.6.3: unavailable under the old nickname with 303 and the new one, then available under the new one. */
    private void changeNick(Occupant current, XmlElement presence, String nick) {
        occupants.remove(current.nick());
        Occupant old = current.withPresence(presence);
        Occupant renamed = old.withNick(nick);
        for (Occupant receiver : occupants.values()) {
            out.accept(presenceOf(old, receiver, "unavailable", List.of(NICK_CHANGED), nick));
        }
        out.accept(presenceOf(old, renamed, "unavailable", List.of(NICK_CHANGED, SELF), nick));
        occupants.put(nick, renamed);
        broadcastPresence(renamed, null, List.of());
    }

    /** Unavailable presence from {@code from} (§7.14): it leaves, everyone hears it, itself last with 110. */
    void unavailable(XmlElement presence, Jid from) {
        Occupant leaving = occupantOf(from);
        if (leaving == null) {
            return;
        }
        occupants.remove(leaving.nick());
        Occupant gone = leaving.withPresence(presence);
        for (Occupant receiver : occupants.values()) {
            out.accept(presenceOf(gone, receiver, "unavailable", List.of()));
        }
        out.accept(presenceOf(gone, leaving, "unavailable", List.of(SELF)));
    }

    /** Sends {@code occupant}'s presence to every occupant, with 110 for itself. */
    private void broadcastPresence(Occupant occupant, String type, List<String> codes) {
        for (Occupant receiver : occupants.values()) {
            List<String> all = new ArrayList<>(codes);
            if (receiver == occupant) {
                all.add(SELF);
            }
            out.accept(presenceOf(occupant, receiver, type == null ? "available" : type, all));
        }
    }

    private XmlElement presenceOf(Occupant occupant, Occupant receiver, String type, List<String> codes) {
        return presenceOf(occupant, receiver, type, codes, null);
    }

    /**
     * {@code occupant}'s presence as {@code receiver} gets it (§7.2.3): from the occupant's room JID,
     * its show, status and extensions, and the muc#user item with affiliation and role, and its
     * real JID for moderators (a semi-anonymous room, §7.2.4).
     */
    private XmlElement presenceOf(Occupant occupant, Occupant receiver, String type, List<String> codes, String newNick) {
        XmlElement.Builder presence = XmlElement.builder(Namespaces.CLIENT, "presence")
                .attribute("from", jid.withResource(occupant.nick()).toString()).attribute("to", receiver.realJid().toString());
        if (type.equals("unavailable")) {
            presence.attribute("type", "unavailable");
        }
        for (XmlElement child : occupant.presence().elements()) {
            boolean mucPayload = child.namespace().equals(Namespaces.MUC) || child.namespace().equals(Namespaces.MUC_USER);
            if (!mucPayload && !child.is(Namespaces.CLIENT, "error")) {
                presence.child(child);
            }
        }
        XmlElement.Builder item = XmlElement.builder(Namespaces.MUC_USER, "item")
                .attribute("affiliation", occupant.affiliation().attribute())
                .attribute("role", type.equals("unavailable") && newNick == null ? "none" : occupant.role().attribute());
        if (receiver.role() == Role.MODERATOR) {
            item.attribute("jid", occupant.realJid().toString());
        }
        if (newNick != null) {
            item.attribute("nick", newNick);
        }
        XmlElement.Builder x = XmlElement.builder(Namespaces.MUC_USER, "x").child(item.build());
        for (String code : codes) {
            x.child(XmlElement.builder(Namespaces.MUC_USER, "status").attribute("code", code).build());
        }
        return presence.child(x.build()).build();
    }

    /** Whether {@code real} is in the room as its owner. */
    boolean isOwner(Jid real) {
        Occupant occupant = real == null ? null : occupantOf(real);
        return occupant != null && occupant.affiliation() == Affiliation.OWNER;
    }

    /** XEP-0045 §10.9: every occupant is told the room is gone, with the owner's destroy element (reason, new room). */
    void destroy(XmlElement destroyRequest) {
        XmlElement.Builder destroy = XmlElement.builder(Namespaces.MUC_USER, "destroy").attribute("jid", destroyRequest.attribute("jid"));
        destroyRequest.child(Namespaces.MUC_OWNER, "reason").ifPresent(reason -> destroy.textChild("reason", reason.text()));
        for (Occupant occupant : occupants.values()) {
            out.accept(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("from", jid.withResource(occupant.nick()).toString())
                    .attribute("to", occupant.realJid().toString()).attribute("type", "unavailable")
                    .child(XmlElement.builder(Namespaces.MUC_USER, "x").child(XmlElement.builder(Namespaces.MUC_USER, "item")
                            .attribute("affiliation", "none").attribute("role", "none").build()).child(destroy.build()).build()).build());
        }
        occupants.clear();
    }

    // ---------------------------------------------------------------- messages (XEP-0045 §7.4, §7.5, §8.1)

    /** A groupchat message to the room: reflected to every occupant from the sender's room JID, kept in the history. */
    void groupchat(XmlElement message, Jid from) {
        Occupant sender = occupantOf(from);
        if (sender == null) {
            // §7.4: only occupants may send to the room.
            error(message, StanzaErrors.NOT_ACCEPTABLE);
            return;
        }
        boolean subjectChange = message.child(Namespaces.CLIENT, "subject").isPresent()
                && message.child(Namespaces.CLIENT, "body").isEmpty();
        if (subjectChange && sender.role() != Role.MODERATOR) {
            // §8.1: in the default configuration only moderators change the subject.
            error(message, StanzaErrors.FORBIDDEN);
            return;
        }
        XmlElement reflected = message.toBuilder().attribute("from", jid.withResource(sender.nick()).toString())
                .attribute("to", null).build();
        for (Occupant receiver : occupants.values()) {
            out.accept(reflected.toBuilder().attribute("to", receiver.realJid().toString()).build());
        }
        if (subjectChange) {
            subject = reflected.toBuilder().removeChildren(Namespaces.CLIENT, "thread").build();
        } else if (message.child(Namespaces.CLIENT, "body").isPresent() && limits.historySize() > 0) {
            remember(reflected);
        }
    }

    /** Keeps a message for later joiners, stamped with its time (XEP-0203, §7.2.15). */
    private void remember(XmlElement reflected) {
        String stamp = Instant.now(wallClock).truncatedTo(ChronoUnit.SECONDS).toString();
        history.addLast(reflected.toBuilder().child(XmlElement.builder(Namespaces.DELAY, "delay")
                .attribute("from", jid.toString()).attribute("stamp", stamp).build()).build());
        while (history.size() > limits.historySize()) {
            history.removeFirst();
        }
    }

    /** §7.5: a private message from an occupant to another's room JID, delivered to its real JID. */
    void privateMessage(XmlElement message, Jid from, String nick) {
        Occupant sender = occupantOf(from);
        if ("groupchat".equals(message.attribute("type"))) {
            error(message, StanzaErrors.BAD_REQUEST);
            return;
        }
        if (sender == null) {
            error(message, StanzaErrors.NOT_ACCEPTABLE);
            return;
        }
        Occupant receiver = occupants.get(nick);
        if (receiver == null) {
            error(message, StanzaErrors.ITEM_NOT_FOUND);
            return;
        }
        out.accept(message.toBuilder().attribute("from", jid.withResource(sender.nick()).toString())
                .attribute("to", receiver.realJid().toString()).child(XmlElement.empty(Namespaces.MUC_USER, "x")).build());
    }

    // ---------------------------------------------------------------- discovery (XEP-0045 §6.4, §6.5)

    XmlElement discoInfo() {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_INFO, "query")
                .child(XmlElement.builder(Namespaces.DISCO_INFO, "identity").attribute("category", "conference")
                        .attribute("type", "text").attribute("name", jid.local()).build());
        for (String feature : List.of(Namespaces.MUC, "muc_public", "muc_open", "muc_unmoderated", "muc_semianonymous",
                "muc_temporary", "muc_unsecured", Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS)) {
            query.child(XmlElement.builder(Namespaces.DISCO_INFO, "feature").attribute("var", feature).build());
        }
        return query.build();
    }

    XmlElement discoItems() {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_ITEMS, "query");
        for (String nick : occupants.keySet()) {
            query.child(XmlElement.builder(Namespaces.DISCO_ITEMS, "item").attribute("jid", jid.withResource(nick).toString()).build());
        }
        return query.build();
    }

    private void error(XmlElement stanza, String condition) {
        if (!"error".equals(stanza.attribute("type"))) {
            out.accept(StanzaErrors.replyWithPayload(stanza, condition, jid.toString()));
        }
    }
}
