package dev.torsion.xmpp.component;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.stream.StreamErrorCondition;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component side of the component protocol (XEP-0114): it opens a {@code jabber:component:accept}
 * stream to the server for its {@code domain}, answers the stream id with the handshake of the shared
 * secret, and then sends and receives stanzas for that domain. {@link #ready()} fires once the server
 * accepted it. Stanzas are given and handed out in {@code jabber:client}, as the rest of this module
 * uses; the stream's namespace is applied on the wire.
 */
public final class XmppComponent extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(XmppComponent.class);

    private final String domain;
    private final byte[] secret;
    private final Consumer<XmlElement> stanzas;
    private final XmlStreamReader reader;
    private final Deferred<Void> ready = new Deferred<>();
    private final Deferred<XmppClientException> ended = new Deferred<>();
    private XmppComponentState state = XmppComponentState.OPENING;

    /** A component for {@code domain} with the shared {@code secret} (copied), handing received stanzas to {@code stanzas}. */
    public XmppComponent(String domain, byte[] secret, XmppLimits limits, Consumer<XmlElement> stanzas) {
        this.domain = domain;
        this.secret = secret.clone();
        this.stanzas = stanzas;
        // XEP-0114 §3: the server's header carries no version.
        this.reader = new XmlStreamReader(limits, Namespaces.COMPONENT_ACCEPT, true);
    }

    /** Fires once the server accepted the handshake, or fails with an {@link XmppClientException}. */
    public Deferred<Void> ready() {
        return ready;
    }

    /** Fires when the stream ended: with null after a clean close, else with why. */
    public Deferred<XmppClientException> ended() {
        return ended;
    }

    /** The stream's state. */
    public XmppComponentState state() {
        return state;
    }

    /** The component's domain. */
    public String domain() {
        return domain;
    }

    @Override
    public void connectionMade() {
        // XEP-0114 §3: 'to' names the component's domain; no version.
        write(XmlWriter.streamHeader(new StreamHeader(null, domain, null, null, null, Namespaces.COMPONENT_ACCEPT)));
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == XmppComponentState.CLOSED) {
            return;
        }
        reader.feed(data);
        try {
            for (StreamEvent event = reader.next(); event != null && state != XmppComponentState.CLOSED; event = reader.next()) {
                handle(event);
            }
        } catch (XmppStreamException e) {
            log.warn("xmpp component {}: stream error {}: {}", domain, e.condition().elementName(), e.getMessage());
            write(XmlWriter.streamError(e.condition(), null));
            end(new XmppClientException(e.condition().elementName(), e.getMessage()));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        end(new XmppClientException("connection-lost", "connection lost: " + (reason == null ? "closed" : reason.getErrorMessage())));
    }

    /** Sends {@code stanza} (in jabber:client); its 'from' is the component's domain when it has none. */
    public void send(XmlElement stanza) {
        if (state != XmppComponentState.READY) {
            throw new IllegalStateException("the component is not accepted yet (" + state + ")");
        }
        XmlElement addressed = stanza.attribute("from") == null ? stanza.toBuilder().attribute("from", domain).build() : stanza;
        transport().write(XmlWriter.bytes(addressed.withNamespace(Namespaces.CLIENT, Namespaces.COMPONENT_ACCEPT),
                Namespaces.COMPONENT_ACCEPT));
    }

    /** Ends the stream (RFC 6120 §4.4). */
    public void close() {
        if (state != XmppComponentState.CLOSED) {
            write(XmlWriter.streamClose());
            end(null);
        }
    }

    private void handle(StreamEvent event) throws XmppStreamException {
        if (event instanceof StreamEvent.Opened opened) {
            String id = opened.header().id();
            if (id == null || id.isEmpty()) {
                // XEP-0114 §3: the handshake hashes the stream id; without one there is nothing to prove.
                throw new XmppStreamException(StreamErrorCondition.INVALID_XML, "server header without an id");
            }
            write("<handshake>" + ComponentHandshake.digest(id, secret) + "</handshake>");
            state = state.handshakeSent();
        } else if (event instanceof StreamEvent.Stanza stanza) {
            element(stanza.element());
        } else {
            write(XmlWriter.streamClose());
            end(state == XmppComponentState.READY ? null : new XmppClientException("closed", "the server closed the stream"));
        }
    }

    private void element(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.STREAMS, "error")) {
            String condition = element.elements().isEmpty() ? "undefined-condition" : element.elements().get(0).name();
            end(new XmppClientException(condition, "stream error from the server: " + condition));
            return;
        }
        if (state == XmppComponentState.HANDSHAKING && element.is(Namespaces.COMPONENT_ACCEPT, "handshake")) {
            state = state.accepted();
            Arrays.fill(secret, (byte) 0);
            log.debug("xmpp component {}: accepted", domain);
            ready.callback(null);
            return;
        }
        // Stanzas come in the stream's namespace; a server that writes them in jabber:client is taken too.
        boolean stanza = element.namespace().equals(Namespaces.COMPONENT_ACCEPT) || element.namespace().equals(Namespaces.CLIENT);
        if (state != XmppComponentState.READY || !stanza || !List.of("message", "presence", "iq").contains(element.name())) {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "{" + element.namespace() + "}" + element.name() + " in " + state);
        }
        stanzas.accept(element.withNamespace(Namespaces.COMPONENT_ACCEPT, Namespaces.CLIENT));
    }

    private void end(XmppClientException reason) {
        if (state == XmppComponentState.CLOSED) {
            return;
        }
        state = state.close();
        if (!ready.isCalled()) {
            ready.errback(reason == null ? new XmppClientException("closed", "closed before the handshake") : reason);
        }
        ended.callback(reason);
        transport().loseConnection();
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
