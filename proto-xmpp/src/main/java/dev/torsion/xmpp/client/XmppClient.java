package dev.torsion.xmpp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.sasl.SaslException;
import dev.torsion.xmpp.sasl.ScramAlgorithm;
import dev.torsion.xmpp.sasl.ScramClient;
import dev.torsion.xmpp.server.roster.RosterItem;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPP client stream (RFC 6120/6121): it opens the stream, takes STARTTLS (required unless the
 * configuration says otherwise), logs in with SCRAM-SHA-256, SCRAM-SHA-1 or (over TLS only) PLAIN,
 * checks the server's SCRAM signature, binds a resource, and then sends and receives stanzas.
 * {@link #ready()} fires with the bound JID; IQs are answered by Deferreds. Stream management
 * (XEP-0198: enabling, acknowledgements both ways, resumption on a new connection) is opt-in with
 * {@link #enableStreamManagement()} and {@link #resuming}.
 */
public final class XmppClient extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(XmppClient.class);
    /** Stanzas kept for sending again until acknowledged (XEP-0198); older ones are forgotten. */
    private static final int MAX_UNACKED = 1000;

    private final XmppClientConfig config;
    private final XmppClientListener listener;
    private final XmlStreamReader reader;
    private final Deferred<Jid> ready = new Deferred<>();
    private final Map<String, Deferred<XmlElement>> pendingIqs = new HashMap<>();
    private XmppClientState state = XmppClientState.NEGOTIATING;
    private boolean tls;
    private ScramClient scram;
    private String mechanism;
    private boolean authenticated;
    private Jid jid;
    private long nextId;
    private boolean smWanted;
    private boolean smOffered;
    private StreamManagement sm;
    private StreamManagement resumeFrom;
    private boolean smCounting;
    private final Deferred<StreamManagement> smEnabled = new Deferred<>();
    private final List<Deferred<Long>> ackWaiters = new ArrayList<>();

    /** A client as {@code config} says, telling {@code listener} what arrives. */
    public XmppClient(XmppClientConfig config, XmppClientListener listener) {
        this.config = config;
        this.listener = listener;
        this.reader = new XmlStreamReader(config.limits(), Namespaces.CLIENT);
    }

    /** Fires with the bound full JID, or fails with an {@link XmppClientException}. */
    public Deferred<Jid> ready() {
        return ready;
    }

    /** The client's state. */
    public XmppClientState state() {
        return state;
    }

    /** The SASL mechanism used, or null before authentication began. */
    public String mechanism() {
        return mechanism;
    }

    /** The bound JID, or null before binding. */
    public Jid jid() {
        return jid;
    }

    /**
     * Asks for stream management (XEP-0198) once bound: {@link #streamManagement()} fires when the
     * server enabled it (with resumption when it allows). Call before the connection is made.
     */
    public XmppClient enableStreamManagement() {
        smWanted = true;
        return this;
    }

    /**
     * Resumes the session {@code previous} managed (XEP-0198 §5) instead of binding a new resource;
     * when the server refuses, a resource is bound as usual (and management asked again). Call
     * before the connection is made; {@link #ready()} fires with the resumed JID.
     */
    public XmppClient resuming(StreamManagement previous) {
        resumeFrom = previous;
        smWanted = true;
        return this;
    }

    /** Fires with the session's stream management once enabled (or resumed), or fails when the server does not give it. */
    public Deferred<StreamManagement> streamManagement() {
        return smEnabled;
    }

    /** XEP-0198 §4: asks the server how many of our stanzas it handled; fires with its 'h'. */
    public Deferred<Long> requestAck() {
        Deferred<Long> answer = new Deferred<>();
        if (sm == null || state != XmppClientState.READY) {
            answer.errback(new XmppClientException("not-enabled", "stream management is not enabled"));
            return answer;
        }
        ackWaiters.add(answer);
        write("<r xmlns='" + Namespaces.SM + "'/>");
        return answer;
    }

    @Override
    public void connectionMade() {
        sendHeader();
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == XmppClientState.CLOSED) {
            return;
        }
        reader.feed(data);
        try {
            for (StreamEvent event = reader.next(); event != null && state != XmppClientState.CLOSED; event = reader.next()) {
                handle(event);
            }
        } catch (XmppStreamException e) {
            // RFC 6120 §4.9.1.1: our own stream error for what the server sent.
            log.warn("xmpp client: stream error {}: {}", e.condition().elementName(), e.getMessage());
            write(XmlWriter.streamError(e.condition(), null));
            end(new XmppClientException(e.condition().elementName(), e.getMessage()));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state != XmppClientState.CLOSED) {
            end(new XmppClientException("connection-lost", "connection lost: " + (reason == null ? "closed" : reason.getErrorMessage())));
        }
    }

    // ---------------------------------------------------------------- API

    /** Sends an IQ get or set (an id is added when missing) and fires with the result stanza, or fails with its error condition. */
    public Deferred<XmlElement> iq(XmlElement request) {
        String id = request.attribute("id") == null ? "c" + (++nextId) : request.attribute("id");
        Deferred<XmlElement> answer = new Deferred<>();
        if (state != XmppClientState.READY) {
            answer.errback(new XmppClientException("not-ready", "the client is not bound"));
            return answer;
        }
        pendingIqs.put(id, answer);
        send(request.toBuilder().attribute("id", id).build());
        return answer;
    }

    /** XEP-0199: pings {@code to} (the server when null); fires when the pong came. */
    public Deferred<Void> ping(Jid to) {
        return iq(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "get").attribute("to", to == null ? null : to.toString())
                .child(XmlElement.empty(Namespaces.PING, "ping")).build()).addCallback(result -> null);
    }

    /** RFC 6121 §2.1.3: the roster. */
    public Deferred<List<RosterItem>> roster() {
        return iq(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "get")
                .child(XmlElement.empty(Namespaces.ROSTER, "query")).build()).addCallback(result -> {
                    List<RosterItem> items = new ArrayList<>();
                    result.child(Namespaces.ROSTER, "query").ifPresent(query -> {
                        for (XmlElement item : query.elements()) {
                            RosterItem parsed = RosterItem.fromElement(item);
                            if (parsed != null) {
                                items.add(parsed);
                            }
                        }
                    });
                    return items;
                });
    }

    /** RFC 6121 §2.3: adds or updates a roster item. */
    public Deferred<Void> setRosterItem(Jid contact, String name, List<String> groups) {
        XmlElement.Builder item = XmlElement.builder(Namespaces.ROSTER, "item").attribute("jid", contact.bare().toString())
                .attribute("name", name);
        for (String group : groups) {
            item.textChild("group", group);
        }
        return iq(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "set")
                .child(XmlElement.builder(Namespaces.ROSTER, "query").child(item.build()).build()).build()).addCallback(r -> null);
    }

    /** Sends available presence (RFC 6121 §4.2) with an optional show and status (null for none). */
    public void sendPresence(String show, String status) {
        XmlElement.Builder presence = XmlElement.builder(Namespaces.CLIENT, "presence");
        if (show != null) {
            presence.textChild("show", show);
        }
        if (status != null) {
            presence.textChild("status", status);
        }
        send(presence.build());
    }

    /** Sends a subscription presence ("subscribe", "subscribed", "unsubscribe", "unsubscribed") to {@code contact} (RFC 6121 §3). */
    public void sendSubscription(Jid contact, String type) {
        send(XmlElement.builder(Namespaces.CLIENT, "presence").attribute("to", contact.bare().toString()).attribute("type", type).build());
    }

    /** Sends a chat message (RFC 6121 §5.2.2). */
    public void sendMessage(Jid to, String body) {
        send(XmlElement.builder(Namespaces.CLIENT, "message").attribute("to", to.toString()).attribute("type", "chat")
                .attribute("id", "m" + (++nextId)).textChild("body", body).build());
    }

    /** Sends any stanza. */
    public void send(XmlElement stanza) {
        if (state != XmppClientState.CLOSED) {
            if (smCounting && isStanza(stanza)) {
                sm.sent(stanza); // XEP-0198 §4: kept until the server acknowledges it
            }
            write(XmlWriter.write(stanza, Namespaces.CLIENT));
        }
    }

    private static boolean isStanza(XmlElement element) {
        return element.namespace().equals(Namespaces.CLIENT) && List.of("message", "presence", "iq").contains(element.name());
    }

    /** Closes the stream (RFC 6120 §4.4): our closing tag, then the connection once written. */
    public void close() {
        if (state != XmppClientState.CLOSED) {
            write(XmlWriter.streamClose());
            end(null);
        }
    }

    // ---------------------------------------------------------------- negotiation

    private void sendHeader() {
        write(XmlWriter.streamHeader(new StreamHeader(authenticated ? config.jid().bare().toString() : null,
                config.jid().domain(), null, "1.0", "en", Namespaces.CLIENT)));
    }

    private void handle(StreamEvent event) {
        if (event instanceof StreamEvent.Stanza stanza) {
            element(stanza.element());
        } else if (event instanceof StreamEvent.Closed) {
            write(XmlWriter.streamClose());
            end(state == XmppClientState.READY ? null : new XmppClientException("closed", "the server closed the stream"));
        }
    }

    private void element(XmlElement element) {
        if (element.is(Namespaces.STREAMS, "error")) {
            String condition = element.elements().isEmpty() ? "undefined-condition" : element.elements().get(0).name();
            end(new XmppClientException(condition, "stream error from the server: " + condition));
            return;
        }
        switch (state) {
            case NEGOTIATING -> features(element);
            case STARTING_TLS -> proceed(element);
            case AUTHENTICATING -> sasl(element);
            case BINDING -> bound(element);
            case RESUMING -> resumeAnswer(element);
            case READY -> {
                if (element.namespace().equals(Namespaces.SM)) {
                    smElement(element);
                } else {
                    stanza(element);
                }
            }
            default -> {
            }
        }
    }

    private void features(XmlElement features) {
        if (!features.is(Namespaces.STREAMS, "features")) {
            fail("unsupported-stanza-type", "expected stream features, got " + features.name());
            return;
        }
        if (!tls && features.child(Namespaces.TLS, "starttls").isPresent() && config.tls() != null
                && transport() instanceof TlsCapableTransport) {
            state = state.startTls();
            send(XmlElement.empty(Namespaces.TLS, "starttls"));
            return;
        }
        if (!tls && config.requireTls()) {
            // RFC 6120 §5.3.1: a client that requires TLS refuses a server without it.
            fail("unsupported-feature", "the server does not offer STARTTLS");
            return;
        }
        if (!authenticated) {
            authenticate(features);
            return;
        }
        smOffered = features.child(Namespaces.SM, "sm").isPresent();
        if (resumeFrom != null && smOffered && resumeFrom.resumeId() != null) {
            // XEP-0198 §5: the old session, not a new resource.
            state = state.resume();
            write(XmlWriter.write(XmlElement.builder(Namespaces.SM, "resume").attribute("previd", resumeFrom.resumeId())
                    .attribute("h", Long.toString(resumeFrom.handled())).build(), Namespaces.CLIENT));
            return;
        }
        if (features.child(Namespaces.BIND, "bind").isEmpty()) {
            fail("unsupported-feature", "the server does not offer resource binding");
            return;
        }
        bindResource();
    }

    private void bindResource() {
        state = state.bind();
        XmlElement.Builder bind = XmlElement.builder(Namespaces.BIND, "bind");
        if (config.jid().resource() != null) {
            bind.textChild("resource", config.jid().resource());
        }
        send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "set").attribute("id", "bind").child(bind.build()).build());
    }

    private void proceed(XmlElement element) {
        if (!element.is(Namespaces.TLS, "proceed")) {
            fail("tls-failure", "the server refused STARTTLS");
            return;
        }
        // RFC 6120 §5.4.3.3: TLS, then a new stream over it.
        reader.restart(false);
        tls = true;
        state = state.tlsStarted();
        ((TlsCapableTransport) transport()).startTLS(config.tls());
        sendHeader();
    }

    private void authenticate(XmlElement features) {
        List<String> offered = new ArrayList<>();
        features.child(Namespaces.SASL, "mechanisms").ifPresent(m -> m.elements().forEach(e -> offered.add(e.text().trim())));
        mechanism = null;
        for (String candidate : List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN")) {
            if (offered.contains(candidate) && (tls || !candidate.equals("PLAIN"))) {
                mechanism = candidate;
                break;
            }
        }
        if (mechanism == null) {
            fail("invalid-mechanism", "no usable SASL mechanism among " + offered);
            return;
        }
        byte[] initial;
        String user = config.jid().local();
        if (mechanism.equals("PLAIN")) {
            initial = ("\0" + user + "\0" + new String(config.password(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        } else {
            scram = new ScramClient(ScramAlgorithm.forMechanism(mechanism), user, config.password(), config.random());
            initial = scram.clientFirst();
        }
        state = state.authenticate();
        send(XmlElement.builder(Namespaces.SASL, "auth").attribute("mechanism", mechanism)
                .text(Base64.getEncoder().encodeToString(initial)).build());
    }

    private void sasl(XmlElement element) {
        try {
            if (element.is(Namespaces.SASL, "challenge") && scram != null) {
                byte[] answer = scram.clientFinal(Base64.getDecoder().decode(element.text().trim()));
                send(XmlElement.builder(Namespaces.SASL, "response").text(Base64.getEncoder().encodeToString(answer)).build());
            } else if (element.is(Namespaces.SASL, "success")) {
                String data = element.text().trim();
                if (scram != null && !scram.verifyServerFinal(Base64.getDecoder().decode(data.equals("=") ? "" : data))) {
                    // RFC 5802 §5: a server that cannot prove it knows the password is not trusted.
                    fail("not-authorized", "the server's SCRAM signature is wrong");
                    return;
                }
                authenticated = true;
                scram = null;
                state = state.authenticated();
                reader.restart(true);
                sendHeader();
            } else if (element.is(Namespaces.SASL, "failure")) {
                String condition = element.elements().isEmpty() ? "not-authorized" : element.elements().get(0).name();
                fail(condition, "SASL failed: " + condition);
            } else {
                fail("bad-format", "unexpected " + element.name() + " during SASL");
            }
        } catch (SaslException | IllegalArgumentException e) {
            fail("malformed-request", "bad SASL data from the server: " + e.getMessage());
        }
    }

    private void bound(XmlElement iq) {
        XmlElement bind = iq.child(Namespaces.BIND, "bind").orElse(null);
        Jid bound = bind == null ? null : bind.child(Namespaces.BIND, "jid").map(e -> Jid.parse(e.text().trim())).orElse(null);
        if (!"result".equals(iq.attribute("type")) || bound == null) {
            fail("bind-failed", "the server refused to bind");
            return;
        }
        jid = bound;
        state = state.bound();
        if (smWanted) {
            askStreamManagement();
        }
        ready.callback(bound);
    }

    // ---------------------------------------------------------------- stream management (XEP-0198)

    /** §3: enabling, before anything else is sent, so that both sides count the same stanzas. */
    private void askStreamManagement() {
        if (!smOffered) {
            smEnabled.errback(new XmppClientException("feature-not-implemented", "the server does not offer stream management"));
            return;
        }
        sm = new StreamManagement(MAX_UNACKED);
        write("<enable xmlns='" + Namespaces.SM + "' resume='true'/>");
        smCounting = true;
    }

    private void smElement(XmlElement element) {
        switch (element.name()) {
            case "enabled" -> {
                sm.enabled(element.attribute("id"), "true".equals(element.attribute("resume")) || "1".equals(element.attribute("resume")), jid);
                if (!smEnabled.isCalled()) {
                    smEnabled.callback(sm);
                }
            }
            case "failed" -> {
                smCounting = false;
                sm = null;
                if (!smEnabled.isCalled()) {
                    smEnabled.errback(new XmppClientException("sm-failed", "the server refused stream management"));
                }
            }
            case "r" -> write("<a xmlns='" + Namespaces.SM + "' h='" + sm.handled() + "'/>");
            case "a" -> acknowledged(element);
            default -> log.debug("xmpp client: ignoring sm {}", element.name());
        }
    }

    private void acknowledged(XmlElement element) {
        long h = parseH(element);
        if (h < 0 || !sm.acked(h)) {
            // §4: an 'h' acknowledging more than was sent is a protocol error.
            fail("undefined-condition", "the server acknowledged more stanzas than were sent");
            return;
        }
        List<Deferred<Long>> waiting = new ArrayList<>(ackWaiters);
        ackWaiters.clear();
        for (Deferred<Long> waiter : waiting) {
            waiter.callback(h);
        }
    }

    private static long parseH(XmlElement element) {
        try {
            long h = Long.parseLong(String.valueOf(element.attribute("h")).trim());
            return h >= 0 && h < (1L << 32) ? h : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** §5: the server resumed the session (unacknowledged stanzas are sent again), or refused (a resource is bound). */
    private void resumeAnswer(XmlElement element) {
        if (element.is(Namespaces.SM, "resumed")) {
            long h = parseH(element);
            if (h < 0 || !resumeFrom.acked(h)) {
                fail("undefined-condition", "the server acknowledged more stanzas than were sent");
                return;
            }
            sm = resumeFrom;
            resumeFrom = null;
            jid = sm.jid();
            state = state.resumed();
            smCounting = true;
            for (XmlElement stanza : sm.takeUnacked()) {
                send(stanza);
            }
            smEnabled.callback(sm);
            ready.callback(jid);
        } else if (element.is(Namespaces.SM, "failed")) {
            log.info("xmpp client: the server could not resume the session; binding a new one");
            resumeFrom = null;
            state = state.resumeFailed();
            bindResource();
        } else {
            fail("bad-format", "unexpected " + element.name() + " while resuming");
        }
    }

    // ---------------------------------------------------------------- stanzas

    private void stanza(XmlElement stanza) {
        if (sm != null && sm.active() && isStanza(stanza)) {
            sm.received(); // XEP-0198 §4: counted as handled once given to the application
        }
        switch (stanza.name()) {
            case "message" -> listener.messageReceived(stanza);
            case "presence" -> listener.presenceReceived(stanza);
            case "iq" -> iqReceived(stanza);
            default -> log.debug("xmpp client: ignoring {}", stanza.name());
        }
    }

    private void iqReceived(XmlElement iq) {
        String type = iq.attribute("type");
        if ("result".equals(type) || "error".equals(type)) {
            Deferred<XmlElement> answer = pendingIqs.remove(iq.attribute("id"));
            if (answer == null) {
                return;
            }
            if ("result".equals(type)) {
                answer.callback(iq);
            } else {
                String condition = iq.child(Namespaces.CLIENT, "error").flatMap(XmlElement::firstElement).map(XmlElement::name)
                        .orElse("undefined-condition");
                answer.errback(new XmppClientException(condition, "IQ error: " + condition));
            }
            return;
        }
        XmlElement payload = iq.firstElement().orElse(null);
        String from = iq.attribute("from");
        boolean fromServer = from == null || from.equals(jid.bare().toString()) || from.equals(jid.domain());
        if (payload != null && payload.is(Namespaces.ROSTER, "query") && "set".equals(type) && fromServer) {
            // RFC 6121 §2.1.6: a push; answered with a result.
            for (XmlElement item : payload.elements()) {
                if ("remove".equals(item.attribute("subscription"))) {
                    Jid removed = Jid.parse(item.attribute("jid"));
                    if (removed != null) {
                        listener.rosterRemoved(removed);
                    }
                } else {
                    RosterItem parsed = RosterItem.fromElement(item);
                    if (parsed != null) {
                        listener.rosterPushed(parsed);
                    }
                }
            }
            send(reply(iq, null));
        } else if (payload != null && payload.is(Namespaces.PING, "ping") && "get".equals(type)) {
            send(reply(iq, null));
        } else {
            // RFC 6120 §8.4: nothing here understands it.
            send(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "error").attribute("id", iq.attribute("id"))
                    .attribute("to", from).child(XmlElement.builder(Namespaces.CLIENT, "error").attribute("type", "cancel")
                            .child(XmlElement.empty(Namespaces.STANZA_ERRORS, "service-unavailable")).build()).build());
        }
    }

    private static XmlElement reply(XmlElement iq, XmlElement payload) {
        XmlElement.Builder result = XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "result")
                .attribute("id", iq.attribute("id")).attribute("to", iq.attribute("from"));
        if (payload != null) {
            result.child(payload);
        }
        return result.build();
    }

    // ---------------------------------------------------------------- endings

    private void fail(String condition, String message) {
        log.info("xmpp client: {}", message);
        write(XmlWriter.streamClose());
        end(new XmppClientException(condition, message));
    }

    private void end(XmppClientException reason) {
        if (state == XmppClientState.CLOSED) {
            return;
        }
        state = state.close();
        if (!ready.isCalled()) {
            ready.errback(reason == null ? new XmppClientException("closed", "closed before binding") : reason);
        }
        for (Deferred<XmlElement> answer : new ArrayList<>(pendingIqs.values())) {
            answer.errback(new XmppClientException("connection-lost", "the stream ended"));
        }
        pendingIqs.clear();
        for (Deferred<Long> waiter : new ArrayList<>(ackWaiters)) {
            waiter.errback(new XmppClientException("connection-lost", "the stream ended"));
        }
        ackWaiters.clear();
        listener.streamEnded(reason);
        transport().loseConnection();
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
