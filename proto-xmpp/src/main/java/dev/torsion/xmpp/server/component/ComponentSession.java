package dev.torsion.xmpp.server.component;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.component.ComponentHandshake;
import dev.torsion.xmpp.server.DomainRoute;
import dev.torsion.xmpp.server.StanzaErrors;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.stream.StreamErrorCondition;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one component stream (XEP-0114, "jabber:component:accept"): the component
 * names its domain in the header, we answer with a fresh stream id, and its handshake (hex SHA-1 of
 * the id and the shared secret, compared in constant time) makes this stream the route of that
 * domain. From then on the component's stanzas (whose 'from' must be in its domain) go through the
 * {@link XmppServer}'s routing, and stanzas for its domain come here. A wrong handshake ends the
 * stream with {@code <not-authorized/>}, an unknown domain with {@code <host-unknown/>}, a domain
 * already connected with {@code <conflict/>}.
 */
public final class ComponentSession extends Protocol implements DomainRoute {
    private static final Logger log = LoggerFactory.getLogger(ComponentSession.class);

    private final XmppServer server;
    private final Map<String, byte[]> secrets;
    private final XmppLimits limits;
    private final XmlStreamReader reader;
    private final IdleTimeout idle;
    private ComponentSessionState state = ComponentSessionState.CONNECTED;
    private boolean headerSent;
    private String streamId;
    private String domain;

    /** A session of {@code server} accepting the components of {@code secrets} (domain to secret). */
    public ComponentSession(XmppServer server, Map<String, byte[]> secrets, Clock clock) {
        this.server = server;
        this.secrets = secrets;
        this.limits = server.config().limits();
        // XEP-0114 §3: component headers carry no version.
        this.reader = new XmlStreamReader(limits, Namespaces.COMPONENT_ACCEPT, true);
        this.idle = new IdleTimeout(clock, this::timedOut);
    }

    /** The session's state. */
    public ComponentSessionState state() {
        return state;
    }

    /** The component's domain once it named it, else null. */
    public String domain() {
        return domain;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.negotiationTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == ComponentSessionState.CLOSED) {
            return;
        }
        idle.resetTimeout();
        reader.feed(data);
        try {
            for (StreamEvent event = reader.next(); event != null && state != ComponentSessionState.CLOSED; event = reader.next()) {
                handle(event);
            }
        } catch (XmppStreamException e) {
            streamError(e.condition(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("xmpp component {}: internal error", transport().getPeer(), e);
            streamError(StreamErrorCondition.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        if (state == ComponentSessionState.ROUTING) {
            server.removeRoute(domain, this);
            log.info("xmpp component {}: disconnected", domain);
        }
        state = state.close();
    }

    @Override
    public void deliver(XmlElement stanza) {
        if (state == ComponentSessionState.ROUTING) {
            transport().write(XmlWriter.bytes(stanza.withNamespace(Namespaces.CLIENT, Namespaces.COMPONENT_ACCEPT),
                    Namespaces.COMPONENT_ACCEPT));
        }
    }

    private void timedOut() {
        streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "no handshake in time");
    }

    private void handle(StreamEvent event) throws XmppStreamException {
        if (event instanceof StreamEvent.Opened opened) {
            streamOpened(opened.header());
        } else if (event instanceof StreamEvent.Stanza stanza) {
            if (state == ComponentSessionState.HANDSHAKE_AWAITED) {
                handshake(stanza.element());
            } else {
                stanza(stanza.element());
            }
        } else {
            // RFC 6120 §4.4: answer the closing tag with ours.
            write(XmlWriter.streamClose());
            close();
        }
    }

    private void streamOpened(StreamHeader header) throws XmppStreamException {
        String to = header.to() == null ? null : header.to().toLowerCase(Locale.ROOT);
        sendHeader(to);
        state = state.opened();
        if (to == null || !secrets.containsKey(to)) {
            // XEP-0114 §3: a domain the server does not know as a component.
            throw new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "component " + header.to());
        }
        domain = to;
    }

    private void sendHeader(String from) {
        byte[] id = new byte[12];
        server.config().random().nextBytes(id);
        streamId = HexFormat.of().formatHex(id);
        write(XmlWriter.streamHeader(new StreamHeader(from, null, streamId, null, null, Namespaces.COMPONENT_ACCEPT)));
        headerSent = true;
    }

    private void handshake(XmlElement element) throws XmppStreamException {
        if (!element.is(Namespaces.COMPONENT_ACCEPT, "handshake")) {
            // Nothing but the handshake before the component is authenticated.
            throw new XmppStreamException(StreamErrorCondition.NOT_AUTHORIZED, element.name() + " before the handshake");
        }
        if (!ComponentHandshake.matches(streamId, secrets.get(domain), element.text())) {
            throw new XmppStreamException(StreamErrorCondition.NOT_AUTHORIZED, "wrong handshake for " + domain);
        }
        if (!server.addRoute(domain, this)) {
            throw new XmppStreamException(StreamErrorCondition.CONFLICT, domain + " is connected already");
        }
        state = state.authenticated();
        idle.cancel(); // a component may be silent for long: it is trusted now
        log.info("xmpp component {}: accepted from {}", domain, transport().getPeer());
        write("<handshake/>");
    }

    private void stanza(XmlElement element) throws XmppStreamException {
        if (!Namespaces.COMPONENT_ACCEPT.equals(element.namespace()) || !List.of("message", "presence", "iq").contains(element.name())) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "{" + element.namespace() + "}" + element.name());
        }
        Jid from = Jid.parse(element.attribute("from"));
        if (from == null || !from.domain().equals(domain)) {
            // XEP-0114 §3: the component speaks for its own domain only (RFC 6120 §4.9.3.9).
            throw new XmppStreamException(StreamErrorCondition.INVALID_FROM, "from " + element.attribute("from"));
        }
        if (element.attribute("to") == null) {
            // RFC 6120 §4.9.3.7: a stanza between servers needs both addresses.
            throw new XmppStreamException(StreamErrorCondition.IMPROPER_ADDRESSING, element.name() + " without 'to'");
        }
        XmlElement stanza = element.withNamespace(Namespaces.COMPONENT_ACCEPT, Namespaces.CLIENT);
        if (Jid.parse(element.attribute("to")) == null) {
            if (!"error".equals(element.attribute("type"))) {
                deliver(StanzaErrors.reply(stanza, StanzaErrors.JID_MALFORMED, domain));
            }
            return;
        }
        server.route(stanza);
    }

    private void streamError(StreamErrorCondition condition, String why) {
        if (state == ComponentSessionState.CLOSED) {
            return;
        }
        log.info("xmpp component {}: stream error {}: {}", transport().getPeer(), condition.elementName(), why);
        if (!headerSent) {
            sendHeader(null);
        }
        write(XmlWriter.streamError(condition, null));
        close();
    }

    private void close() {
        if (state == ComponentSessionState.ROUTING) {
            server.removeRoute(domain, this);
        }
        state = state.close();
        idle.cancel();
        transport().loseConnection();
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
