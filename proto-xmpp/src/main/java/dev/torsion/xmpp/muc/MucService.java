package dev.torsion.xmpp.muc;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.server.DomainRoute;
import dev.torsion.xmpp.server.StanzaErrors;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.stream.XmlElement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multi-user chat service (XEP-0045) on its own domain (by custom {@code conference.} + the
 * server's), served in the server's process as one of its routes: rooms are made by joining them,
 * and discovery answers for the service and each room (§6). Everything it sends goes through the
 * server's routing, so occupants may be local accounts or come through other routes. Used on the
 * reactor thread only.
 */
public final class MucService implements DomainRoute {
    private static final Logger log = LoggerFactory.getLogger(MucService.class);

    private final String domain;
    private final MucLimits limits;
    private final Clock wallClock;
    private final Consumer<XmlElement> out;
    private final Map<String, Room> rooms = new TreeMap<>();

    /** A service for {@code domain} sending its stanzas to {@code out}, stamping history with {@code wallClock}. */
    public MucService(String domain, MucLimits limits, Clock wallClock, Consumer<XmlElement> out) {
        this.domain = domain;
        this.limits = limits;
        this.wallClock = wallClock;
        this.out = out;
    }

    /** A service for {@code domain} registered as a route of {@code server}, sending through the server's routing. */
    public static MucService attach(XmppServer server, String domain, MucLimits limits) {
        MucService service = new MucService(domain, limits, server.config().wallClock(), server::route);
        if (!server.addRoute(domain, service)) {
            throw new IllegalArgumentException(domain + " is routed elsewhere already");
        }
        return service;
    }

    /** The service's domain. */
    public String domain() {
        return domain;
    }

    /** The names (local parts) of the rooms that exist now. */
    public List<String> rooms() {
        return List.copyOf(rooms.keySet());
    }

    /** The number of occupants of room {@code name}, 0 when it does not exist. */
    public int occupants(String name) {
        Room room = rooms.get(name);
        return room == null ? 0 : room.size();
    }

    @Override
    public void deliver(XmlElement stanza) {
        Jid to = Jid.parse(stanza.attribute("to"));
        Jid from = Jid.parse(stanza.attribute("from"));
        if (to == null || from == null) {
            return;
        }
        if (to.local() == null) {
            serviceStanza(stanza, to);
            return;
        }
        switch (stanza.name()) {
            case "presence" -> presence(stanza, to, from);
            case "message" -> message(stanza, to, from);
            case "iq" -> roomIq(stanza, to);
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- presence

    private void presence(XmlElement presence, Jid to, Jid from) {
        String type = presence.attribute("type");
        Room room = rooms.get(to.local());
        if (type == null) {
            if (to.isBare()) {
                // §7.2.1: a join needs a nickname.
                error(presence, StanzaErrors.JID_MALFORMED);
                return;
            }
            join(presence, to, from, room);
        } else if (type.equals("unavailable") || type.equals("error")) {
            // §7.14; an error presence from an occupant's client also takes it out of the room.
            if (room != null) {
                room.unavailable(presence, from);
                destroyIfEmpty(room);
            }
        }
        // Subscriptions and probes are not for rooms: ignored (RFC 6121 §3.1.3 lets a service do so).
    }

    private void join(XmlElement presence, Jid to, Jid from, Room existing) {
        Room room = existing;
        if (room == null) {
            if (rooms.size() >= limits.maxRooms()) {
                // §10.1.1: the service does not let more rooms be created.
                error(presence, StanzaErrors.NOT_ALLOWED);
                return;
            }
            room = new Room(to.bare(), limits, wallClock, out);
            rooms.put(to.local(), room);
            log.debug("xmpp muc: room {} created by {}", to.bare(), from);
        }
        if (room.occupantOf(from) == null && roomsOf(from) >= limits.maxRoomsPerUser()) {
            error(presence, StanzaErrors.RESOURCE_CONSTRAINT);
        } else {
            room.available(presence, from, to.resource());
        }
        destroyIfEmpty(room);
    }

    private int roomsOf(Jid real) {
        int count = 0;
        for (Room room : rooms.values()) {
            if (room.occupantOf(real) != null) {
                count++;
            }
        }
        return count;
    }

    /** Rooms are temporary (the default configuration): gone with their last occupant. */
    private void destroyIfEmpty(Room room) {
        if (room.isEmpty() && rooms.get(room.jid().local()) == room) {
            rooms.remove(room.jid().local());
            log.debug("xmpp muc: room {} destroyed", room.jid());
        }
    }

    // ---------------------------------------------------------------- messages

    private void message(XmlElement message, Jid to, Jid from) {
        String type = message.attribute("type");
        if ("error".equals(type)) {
            return;
        }
        Room room = rooms.get(to.local());
        if (room == null) {
            // §7.4 and §7.5: there is no such room.
            error(message, StanzaErrors.ITEM_NOT_FOUND);
            return;
        }
        if (!to.isBare()) {
            room.privateMessage(message, from, to.resource());
        } else if ("groupchat".equals(type)) {
            room.groupchat(message, from);
        } else {
            // Invitations, voice requests and the like (§7.8, §8.6) are not built.
            error(message, StanzaErrors.FEATURE_NOT_IMPLEMENTED);
        }
    }

    // ---------------------------------------------------------------- IQs and discovery (§6)

    private void roomIq(XmlElement iq, Jid to) {
        if (!isRequest(iq)) {
            return;
        }
        Room room = rooms.get(to.local());
        XmlElement payload = iq.elements().size() == 1 ? iq.elements().get(0) : null;
        if (room == null) {
            error(iq, StanzaErrors.ITEM_NOT_FOUND);
        } else if (to.isBare() && isDiscoGet(iq, payload, Namespaces.DISCO_INFO)) {
            out.accept(result(iq, room.discoInfo()));
        } else if (to.isBare() && isDiscoGet(iq, payload, Namespaces.DISCO_ITEMS)) {
            out.accept(result(iq, room.discoItems()));
        } else if (to.isBare() && payload != null && payload.is(Namespaces.MUC_OWNER, "query") && "set".equals(iq.attribute("type"))) {
            ownerSet(iq, payload, room);
        } else {
            // Configuration forms and administration (muc#admin) are not built; IQs to occupants are not relayed.
            error(iq, StanzaErrors.SERVICE_UNAVAILABLE);
        }
    }

    /**
     * XEP-0045 §10.1.2: accepting the default configuration (an empty submitted form: an instant
     * room); §10.9: destroying the room. Owners only ({@code forbidden}); other forms are not built.
     */
    private void ownerSet(XmlElement iq, XmlElement query, Room room) {
        Jid from = Jid.parse(iq.attribute("from"));
        if (!room.isOwner(from)) {
            error(iq, StanzaErrors.FORBIDDEN);
            return;
        }
        XmlElement form = query.child(Namespaces.DATA_FORMS, "x").orElse(null);
        XmlElement destroy = query.child(Namespaces.MUC_OWNER, "destroy").orElse(null);
        if (form != null && form.elements().isEmpty() && List.of("submit", "cancel").contains(form.attribute("type"))) {
            out.accept(result(iq, null));
        } else if (destroy != null) {
            room.destroy(destroy);
            rooms.remove(room.jid().local());
            log.debug("xmpp muc: room {} destroyed by its owner", room.jid());
            out.accept(result(iq, null));
        } else {
            error(iq, StanzaErrors.FEATURE_NOT_IMPLEMENTED);
        }
    }

    private void serviceStanza(XmlElement stanza, Jid to) {
        if (!stanza.name().equals("iq") || !to.isBare()) {
            if (stanza.name().equals("message")) {
                error(stanza, StanzaErrors.SERVICE_UNAVAILABLE);
            }
            return;
        }
        if (!isRequest(stanza)) {
            return;
        }
        XmlElement payload = stanza.elements().size() == 1 ? stanza.elements().get(0) : null;
        if (isDiscoGet(stanza, payload, Namespaces.DISCO_INFO)) {
            out.accept(result(stanza, serviceInfo()));
        } else if (isDiscoGet(stanza, payload, Namespaces.DISCO_ITEMS)) {
            out.accept(result(stanza, serviceItems()));
        } else if (payload != null && payload.is(Namespaces.PING, "ping") && "get".equals(stanza.attribute("type"))) {
            out.accept(result(stanza, null));
        } else {
            error(stanza, StanzaErrors.SERVICE_UNAVAILABLE);
        }
    }

    /** §6.1: a conference service of type text. */
    private XmlElement serviceInfo() {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_INFO, "query")
                .child(XmlElement.builder(Namespaces.DISCO_INFO, "identity").attribute("category", "conference")
                        .attribute("type", "text").attribute("name", "Chatrooms").build());
        for (String feature : List.of(Namespaces.MUC, Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING)) {
            query.child(XmlElement.builder(Namespaces.DISCO_INFO, "feature").attribute("var", feature).build());
        }
        return query.build();
    }

    /** §6.3: the rooms (all public), named with their occupant count. */
    private XmlElement serviceItems() {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_ITEMS, "query");
        for (Room room : rooms.values()) {
            query.child(XmlElement.builder(Namespaces.DISCO_ITEMS, "item").attribute("jid", room.jid().toString())
                    .attribute("name", room.jid().local() + " (" + room.size() + ")").build());
        }
        return query.build();
    }

    private static boolean isRequest(XmlElement iq) {
        String type = iq.attribute("type");
        return "get".equals(type) || "set".equals(type);
    }

    private static boolean isDiscoGet(XmlElement iq, XmlElement payload, String namespace) {
        return "get".equals(iq.attribute("type")) && payload != null && payload.is(namespace, "query")
                && payload.attribute("node") == null;
    }

    private static XmlElement result(XmlElement iq, XmlElement payload) {
        XmlElement.Builder result = XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result")
                .attribute("id", iq.attribute("id")).attribute("from", iq.attribute("to")).attribute("to", iq.attribute("from"));
        if (payload != null) {
            result.child(payload);
        }
        return result.build();
    }

    private void error(XmlElement stanza, String condition) {
        if (!"error".equals(stanza.attribute("type"))) {
            out.accept(StanzaErrors.replyWithPayload(stanza, condition, domain));
        }
    }
}
