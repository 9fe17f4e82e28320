package dev.torsion.xmpp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.server.roster.Roster;
import dev.torsion.xmpp.stream.StreamErrorCondition;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state one reactor's client-to-server sessions share: who is bound where, the rosters of the
 * logged-in accounts, and offline messages. It routes stanzas (RFC 6120 §10, RFC 6121 §8), answers
 * IQs addressed to the server or an account (roster, disco, ping), and runs presence broadcast and
 * subscriptions (RFC 6121 §3-§4). Used on its reactor thread only; servers on several reactors
 * share nothing.
 */
public final class XmppServer {
    private static final Logger log = LoggerFactory.getLogger(XmppServer.class);

    private final XmppServerConfig config;
    private final Clock clock;
    private final Map<String, Map<String, ClientSession>> sessions = new HashMap<>();
    private final Map<String, Roster> rosters = new HashMap<>();
    private final Map<String, List<Deferred<Roster>>> loading = new HashMap<>();
    private final Set<String> saving = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();
    private final RosterService rosterService;
    private final Map<String, DomainRoute> routes = new HashMap<>();
    private DomainRoute remote;
    private long pushCounter;

    /** A server as {@code config} says, timing sessions out on {@code clock}. */
    public XmppServer(XmppServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.rosterService = new RosterService(this);
    }

    /** The configuration. */
    public XmppServerConfig config() {
        return config;
    }

    /** A new session of this server, for one connection. */
    public ClientSession newSession() {
        return new ClientSession(this, clock);
    }

    /** The domain served. */
    String domain() {
        return config.domain();
    }

    // ---------------------------------------------------------------- routes (RFC 6120 §10.4)

    /** Sends the stanzas for {@code routeDomain} to {@code route}; false when another route has it. */
    public boolean addRoute(String routeDomain, DomainRoute route) {
        if (routeDomain.equals(domain())) {
            return false;
        }
        return routes.putIfAbsent(routeDomain, route) == null;
    }

    /** Forgets {@code route} for {@code routeDomain} (only if it is still the one registered). */
    public void removeRoute(String routeDomain, DomainRoute route) {
        routes.remove(routeDomain, route);
    }

    /**
     * Sends the stanzas for every other domain (no local route, not ours) to {@code route}: the
     * server-to-server connections (RFC 6120 §10.4.3); null goes back to refusing them.
     */
    public void setRemoteRoute(DomainRoute route) {
        remote = route;
    }

    /** The route of {@code routeDomain}: its own, else the remote one for other domains, else null. */
    private DomainRoute routeFor(String routeDomain) {
        DomainRoute route = routes.get(routeDomain);
        return route != null || routeDomain.equals(domain()) ? route : remote;
    }

    /** Whether a route serves {@code routeDomain}. */
    public boolean hasRoute(String routeDomain) {
        return routes.containsKey(routeDomain);
    }

    /**
     * Routes a stanza that a route sent (a component, the chat service, a remote server): its
     * 'from' was checked by the sender's stream. It goes to a local account, another route, or
     * back as an error (RFC 6120 §10.4.3, §10.5).
     */
    public void route(XmlElement stanza) {
        Jid to = Jid.parse(stanza.attribute("to"));
        if (to == null) {
            log.debug("xmpp: routed {} without a valid 'to' dropped", stanza.name());
            return;
        }
        if (!to.domain().equals(domain())) {
            DomainRoute route = routeFor(to.domain());
            if (route != null) {
                route.deliver(stanza);
            } else {
                bounceRouted(stanza, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
            }
            return;
        }
        switch (stanza.name()) {
            case "message" -> {
                if (to.local() == null) {
                    bounceRouted(stanza, StanzaErrors.SERVICE_UNAVAILABLE);
                } else {
                    deliverMessage(stanza, to);
                }
            }
            case "presence" -> routedPresence(stanza, to);
            case "iq" -> routedIq(stanza, to);
            default -> log.debug("xmpp: routed {} dropped", stanza.name());
        }
    }

    /** Presence from a route: to one resource, or to the available resources of an account; subscriptions are not taken from routes. */
    private void routedPresence(XmlElement presence, Jid to) {
        String type = presence.attribute("type");
        if (to.local() == null || type != null && !type.equals("unavailable") && !type.equals("error")) {
            return;
        }
        if (!to.isBare()) {
            ClientSession session = session(to);
            if (session != null) {
                session.send(presence);
            }
            return;
        }
        for (ClientSession session : availableSessions(to.local())) {
            session.send(presence);
        }
    }

    /** An IQ from a route: to a bound resource; requests to anything else are refused (RFC 6121 §8.5.3.2.3). */
    private void routedIq(XmlElement iq, Jid to) {
        String type = iq.attribute("type");
        boolean request = "get".equals(type) || "set".equals(type);
        ClientSession session = to.isBare() || to.local() == null ? null : session(to);
        if (session != null) {
            session.send(iq);
        } else if (request) {
            bounceRouted(iq, StanzaErrors.SERVICE_UNAVAILABLE);
        }
    }

    /** Sends the error reply to a routed stanza back where it came from, unless it is an error itself. */
    private void bounceRouted(XmlElement stanza, String condition) {
        if (!"error".equals(stanza.attribute("type")) && stanza.attribute("from") != null) {
            route(StanzaErrors.reply(stanza, condition, domain()));
        }
    }

    /** A client's stanza for a routed domain; directed presence is remembered to be ended at logout (RFC 6121 §4.6.3). */
    private void routeFromClient(ClientSession from, XmlElement stanza, Jid to) {
        if (stanza.name().equals("presence")) {
            String type = stanza.attribute("type");
            if (type == null) {
                from.directedPresenceSent(to);
            } else if (type.equals("unavailable")) {
                from.directedPresenceEnded(to);
            }
        }
        routeFor(to.domain()).deliver(stanza);
    }

    // ---------------------------------------------------------------- sessions

    boolean canBind(Jid full) {
        Map<String, ClientSession> resources = sessions.get(full.local());
        return resources == null || resources.containsKey(full.resource()) || resources.size() < config.limits().maxResources();
    }

    /** Registers a bound session; an older one with the same resource is ended with {@code <conflict/>} (RFC 6120 §7.7.2.2). */
    void bind(ClientSession session) {
        Jid jid = session.jid();
        ClientSession previous = sessions.computeIfAbsent(jid.local(), u -> new LinkedHashMap<>()).put(jid.resource(), session);
        if (previous != null && previous != session) {
            previous.streamError(StreamErrorCondition.CONFLICT, "resource bound again by a new session");
        }
    }

    /** Forgets a session that ended; its presence goes unavailable (RFC 6121 §4.5.2). */
    void unbind(ClientSession session) {
        Jid jid = session.jid();
        Map<String, ClientSession> resources = sessions.get(jid.local());
        if (resources == null || resources.get(jid.resource()) != session) {
            return;
        }
        resources.remove(jid.resource());
        if (resources.isEmpty()) {
            sessions.remove(jid.local());
        }
        if (session.presence() != null) {
            session.updatePresence(null);
            XmlElement unavailable = XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "unavailable")
                    .attribute("from", jid.toString()).build();
            rosterService.broadcast(jid, unavailable);
        }
        // RFC 6121 §4.6.3: those that got directed presence learn that the resource is gone.
        for (Jid target : session.takeDirectedPresence()) {
            DomainRoute route = routeFor(target.domain());
            if (route != null) {
                route.deliver(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("type", "unavailable")
                        .attribute("from", jid.toString()).attribute("to", target.toString()).build());
            }
        }
    }

    /** The bound sessions of {@code user}. */
    Collection<ClientSession> sessionsOf(String user) {
        Map<String, ClientSession> resources = sessions.get(user);
        return resources == null ? List.of() : new ArrayList<>(resources.values());
    }

    /** The session bound to {@code full}, or null. */
    ClientSession session(Jid full) {
        Map<String, ClientSession> resources = sessions.get(full.local());
        return resources == null ? null : resources.get(full.resource());
    }

    /** The sessions of {@code user} that sent available presence. */
    List<ClientSession> availableSessions(String user) {
        List<ClientSession> result = new ArrayList<>();
        for (ClientSession session : sessionsOf(user)) {
            if (session.presence() != null) {
                result.add(session);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- rosters

    /** The roster of {@code user}, loaded once from the store and then kept while the server runs. */
    Deferred<Roster> roster(String user) {
        Roster loaded = rosters.get(user);
        if (loaded != null) {
            return Deferred.succeed(loaded);
        }
        Deferred<Roster> result = new Deferred<>();
        List<Deferred<Roster>> waiters = loading.get(user);
        if (waiters != null) {
            waiters.add(result);
            return result;
        }
        List<Deferred<Roster>> fresh = new ArrayList<>();
        fresh.add(result);
        loading.put(user, fresh);
        config.rosters().load(user).addCallbacks(roster -> {
            rosters.put(user, roster);
            for (Deferred<Roster> waiter : loading.remove(user)) {
                waiter.callback(roster);
            }
            return null;
        }, failure -> {
            for (Deferred<Roster> waiter : loading.remove(user)) {
                waiter.errback(failure);
            }
            return null;
        });
        return result;
    }

    /** The loaded roster of {@code user} (bound users' rosters are always loaded). */
    Roster loadedRoster(String user) {
        return rosters.get(user);
    }

    /** Writes {@code user}'s roster; saves of one user never overlap, the last state always lands. */
    void saveRoster(String user) {
        if (!saving.add(user)) {
            dirty.add(user);
            return;
        }
        config.rosters().save(user, rosters.get(user).copy()).addBoth((ignored, failure) -> {
            if (failure != null) {
                log.error("xmpp: saving the roster of {} failed: {}", user, failure.getErrorMessage());
            }
            saving.remove(user);
            if (dirty.remove(user)) {
                saveRoster(user);
            }
            return null;
        });
    }

    /** Sends a roster push of {@code item} (or its removal) to the interested resources of {@code user} (RFC 6121 §2.1.6). */
    void push(String user, XmlElement item) {
        for (ClientSession session : sessionsOf(user)) {
            if (session.rosterInterested()) {
                session.send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "set")
                        .attribute("id", "push" + (++pushCounter)).attribute("to", session.jid().toString())
                        .child(XmlElement.builder(Namespaces.ROSTER, "query").child(item).build()).build());
            }
        }
    }

    // ---------------------------------------------------------------- stanzas

    /**
     * Handles a stanza of a bound session: stamps its 'from' (RFC 6120 §8.1.2.1), then routes it.
     * Returns a Deferred when the work goes on asynchronously, else null.
     */
    Deferred<Void> stanza(ClientSession from, XmlElement element) throws XmppStreamException {
        if (!Namespaces.CLIENT.equals(element.namespace()) || !List.of("message", "presence", "iq").contains(element.name())) {
            // RFC 6120 §4.9.3.24: not a stanza of this stream.
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "{" + element.namespace() + "}" + element.name());
        }
        String claimed = element.attribute("from");
        if (claimed != null) {
            Jid claimedJid = Jid.parse(claimed);
            if (claimedJid == null || !(claimedJid.equals(from.jid()) || claimedJid.equals(from.jid().bare()))) {
                // RFC 6120 §8.1.2.1 and §4.9.3.9.
                throw new XmppStreamException(StreamErrorCondition.INVALID_FROM, "from " + claimed);
            }
        }
        XmlElement stamped = element.toBuilder().attribute("from", from.jid().toString()).build();
        String toText = stamped.attribute("to");
        Jid to = toText == null ? null : Jid.parse(toText);
        if (toText != null && to == null) {
            bounce(from, stamped, StanzaErrors.JID_MALFORMED);
            return null;
        }
        if (to != null && routeFor(to.domain()) != null) {
            routeFromClient(from, stamped, to);
            return null;
        }
        return switch (element.name()) {
            case "message" -> {
                message(from, stamped, to);
                yield null;
            }
            case "presence" -> rosterService.presence(from, stamped, to);
            default -> iq(from, stamped, to);
        };
    }

    /** Answers {@code stanza} from {@code session} with a stanza error, unless it is an error itself (RFC 6120 §8.3.1). */
    void bounce(ClientSession session, XmlElement stanza, String condition) {
        if (!"error".equals(stanza.attribute("type"))) {
            session.send(StanzaErrors.reply(stanza, condition, domain()));
        }
    }

    /** Bounces a stanza whose sender is known only by its full JID (it may have logged out since). */
    private void bounceTo(XmlElement stanza, String condition) {
        Jid sender = Jid.parse(stanza.attribute("from"));
        if (sender == null || sender.isBare() || "error".equals(stanza.attribute("type"))) {
            return;
        }
        ClientSession session = session(sender);
        if (session != null) {
            session.send(StanzaErrors.reply(stanza, condition, domain()));
        }
    }


    // ---------------------------------------------------------------- messages (RFC 6121 §8.5)

    private void message(ClientSession from, XmlElement message, Jid to) {
        // RFC 6120 §10.3.1: a message without 'to' goes to the sender's bare JID.
        Jid target = to == null ? from.jid().bare() : to;
        if (!target.domain().equals(domain())) {
            bounce(from, message, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
            return;
        }
        if (target.local() == null) {
            // To the server itself: nothing here takes messages.
            bounce(from, message, StanzaErrors.SERVICE_UNAVAILABLE);
            return;
        }
        deliverMessage(message, target);
    }

    /** Delivers a message to a local JID: the resource, or the bare JID's resources, or offline storage. */
    void deliverMessage(XmlElement message, Jid target) {
        String type = message.attribute("type") == null ? "normal" : message.attribute("type");
        if (!target.isBare()) {
            ClientSession session = session(target);
            if (session != null) {
                session.send(message);
                return;
            }
            // RFC 6121 §8.5.3.2.1: no such resource: groupchat errs, error is dropped, the rest go to the bare JID.
            if (type.equals("groupchat")) {
                bounceTo(message, StanzaErrors.SERVICE_UNAVAILABLE);
                return;
            }
            if (type.equals("error")) {
                return;
            }
        }
        List<ClientSession> receivers = new ArrayList<>();
        for (ClientSession session : availableSessions(target.local())) {
            // RFC 6121 §8.5.2.1.1: every available resource with a non-negative priority.
            if (session.priority() >= 0) {
                receivers.add(session);
            }
        }
        if (!receivers.isEmpty() && !type.equals("groupchat")) {
            for (ClientSession session : receivers) {
                session.send(message);
            }
            return;
        }
        switch (type) {
            case "normal", "chat" -> storeOffline(message, target.local());
            // RFC 6121 §8.5.2.1.2 and §8.5.2.2.2: headlines and errors are dropped silently.
            case "headline", "error" -> {
            }
            default -> bounceTo(message, StanzaErrors.SERVICE_UNAVAILABLE);
        }
    }

    /** XEP-0160 §3: keeps a message for an account without available resources, stamped with XEP-0203 delay. */
    private void storeOffline(XmlElement message, String user) {
        String stamp = Instant.now(config.wallClock()).truncatedTo(ChronoUnit.SECONDS).toString();
        XmlElement stamped = message.toBuilder().child(XmlElement.builder(Namespaces.DELAY, "delay")
                .attribute("from", domain()).attribute("stamp", stamp).text("Offline Storage").build()).build();
        config.offline().store(user, stamped).addCallbacks(stored -> {
            if (!stored) {
                // XEP-0160 §4: storage full: the sender learns it.
                bounceTo(message, StanzaErrors.SERVICE_UNAVAILABLE);
            }
            return null;
        }, failure -> {
            log.error("xmpp: storing an offline message for {} failed: {}", user, failure.getErrorMessage());
            bounceTo(message, StanzaErrors.SERVICE_UNAVAILABLE);
            return null;
        });
    }

    private void storeAgain(String user, XmlElement message) {
        config.offline().store(user, message).addErrback(failure -> {
            log.error("xmpp: keeping an offline message for {} failed: {}", user, failure.getErrorMessage());
            return null;
        });
    }

    /** Sends the stored messages of {@code session}'s account to it (XEP-0160 §3: at initial presence). */
    void flushOffline(ClientSession session) {
        String user = session.jid().local();
        config.offline().take(user).addCallbacks(messages -> {
            for (XmlElement message : messages) {
                if (session.state() == XmppSessionState.BOUND) {
                    session.send(message);
                } else {
                    storeAgain(user, message); // the session ended while the messages were read
                }
            }
            return null;
        }, failure -> {
            log.error("xmpp: reading the offline messages of {} failed: {}", user, failure.getErrorMessage());
            return null;
        });
    }

    // ---------------------------------------------------------------- IQ (RFC 6120 §8.2.3)

    private Deferred<Void> iq(ClientSession from, XmlElement iq, Jid to) {
        String type = iq.attribute("type");
        boolean request = "get".equals(type) || "set".equals(type);
        if (!request && !"result".equals(type) && !"error".equals(type) || iq.attribute("id") == null) {
            bounce(from, iq, StanzaErrors.BAD_REQUEST);
            return null;
        }
        if (request && iq.elements().size() != 1) {
            // RFC 6120 §8.2.3: get and set carry exactly one payload.
            bounce(from, iq, StanzaErrors.BAD_REQUEST);
            return null;
        }
        if (to != null && !to.domain().equals(domain())) {
            if (request) {
                bounce(from, iq, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
            }
            return null;
        }
        if (to != null && !to.isBare() && to.local() != null) {
            ClientSession target = session(to);
            if (target != null) {
                target.send(iq);
            } else if (request) {
                // RFC 6121 §8.5.3.2.3: no such resource.
                bounce(from, iq, StanzaErrors.SERVICE_UNAVAILABLE);
            }
            return null;
        }
        if (!request) {
            return null; // results and errors for the server or an account end here
        }
        boolean ownAccount = to == null || to.equals(from.jid().bare());
        return serverIq(from, iq, to, ownAccount);
    }

    private Deferred<Void> serverIq(ClientSession from, XmlElement iq, Jid to, boolean ownAccount) {
        XmlElement payload = iq.elements().get(0);
        boolean get = "get".equals(iq.attribute("type"));
        String answeredFrom = to == null ? null : to.toString();
        switch (payload.namespace()) {
            case Namespaces.ROSTER -> {
                if (ownAccount && payload.name().equals("query")) {
                    return rosterService.rosterIq(from, iq, payload);
                }
            }
            case Namespaces.PING -> {
                if (get && payload.name().equals("ping")) {
                    from.send(result(iq, answeredFrom, null));
                    return null;
                }
            }
            case Namespaces.DISCO_INFO -> {
                if (get && payload.name().equals("query")) {
                    from.send(payload.attribute("node") != null
                            ? StanzaErrors.reply(iq, StanzaErrors.ITEM_NOT_FOUND, domain())
                            : result(iq, answeredFrom, discoInfo(to == null || to.local() == null)));
                    return null;
                }
            }
            case Namespaces.DISCO_ITEMS -> {
                if (get && payload.name().equals("query")) {
                    from.send(result(iq, answeredFrom, discoItems(to == null || to.local() == null)));
                    return null;
                }
            }
            case Namespaces.SESSION -> {
                if (!get && ownAccount) {
                    from.send(result(iq, answeredFrom, null)); // a no-op kept for old clients
                    return null;
                }
            }
            case Namespaces.REGISTER -> {
                if (!get && ownAccount && config.registration() != null && payload.child(Namespaces.REGISTER, "remove").isPresent()) {
                    cancelRegistration(from, iq, answeredFrom);
                    return null;
                }
            }
            case Namespaces.BIND -> {
                bounce(from, iq, StanzaErrors.NOT_ALLOWED); // bound already
                return null;
            }
            default -> {
            }
        }
        // RFC 6120 §8.4: a payload nobody here understands.
        bounce(from, iq, StanzaErrors.SERVICE_UNAVAILABLE);
        return null;
    }

    /** XEP-0077 §3.2: the account is removed, the request answered, then every stream of it ended. */
    private void cancelRegistration(ClientSession from, XmlElement iq, String answeredFrom) {
        String user = from.jid().local();
        config.registration().remove(user);
        log.info("xmpp: account {} removed in-band", user);
        from.send(result(iq, answeredFrom, null));
        for (ClientSession session : sessionsOf(user)) {
            session.streamError(StreamErrorCondition.NOT_AUTHORIZED, "account removed");
        }
    }

    private static XmlElement result(XmlElement iq, String from, XmlElement payload) {
        XmlElement.Builder result = XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result")
                .attribute("id", iq.attribute("id")).attribute("from", from).attribute("to", iq.attribute("from"));
        if (payload != null) {
            result.child(payload);
        }
        return result.build();
    }

    /** XEP-0030 §3.1: the server (category server, type im) or an account (account, registered). */
    private static XmlElement discoInfo(boolean server) {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_INFO, "query");
        if (server) {
            query.child(XmlElement.builder(Namespaces.DISCO_INFO, "identity").attribute("category", "server")
                    .attribute("type", "im").attribute("name", "Torsion").build());
            for (String feature : List.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING,
                    Namespaces.ROSTER, Namespaces.OFFLINE_FEATURE)) {
                query.child(XmlElement.builder(Namespaces.DISCO_INFO, "feature").attribute("var", feature).build());
            }
        } else {
            query.child(XmlElement.builder(Namespaces.DISCO_INFO, "identity").attribute("category", "account")
                    .attribute("type", "registered").build());
            for (String feature : List.of(Namespaces.DISCO_INFO, Namespaces.PING)) {
                query.child(XmlElement.builder(Namespaces.DISCO_INFO, "feature").attribute("var", feature).build());
            }
        }
        return query.build();
    }

    /** XEP-0030 §4: the server's items are the services on its routes (components, chat); an account has none. */
    private XmlElement discoItems(boolean server) {
        XmlElement.Builder query = XmlElement.builder(Namespaces.DISCO_ITEMS, "query");
        if (server) {
            for (String routed : new TreeSet<>(routes.keySet())) {
                query.child(XmlElement.builder(Namespaces.DISCO_ITEMS, "item").attribute("jid", routed).build());
            }
        }
        return query.build();
    }

    /** Whether {@code jid} is an account of this server's domain. */
    boolean isLocal(Jid jid) {
        return jid.domain().equals(domain()) && jid.local() != null;
    }
}
