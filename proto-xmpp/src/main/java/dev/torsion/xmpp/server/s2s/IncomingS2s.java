package dev.torsion.xmpp.server.s2s;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.stream.StreamErrorCondition;
import dev.torsion.xmpp.stream.StreamEvent;
import dev.torsion.xmpp.stream.StreamHeader;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.stream.XmlStreamReader;
import dev.torsion.xmpp.stream.XmlWriter;
import dev.torsion.xmpp.stream.XmppStreamException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream another server opened to us (RFC 6120 §4, XEP-0220 as receiving and as authoritative
 * server). We answer its header with a fresh stream id and the dialback feature; a
 * {@code db:result} makes us ask the claimed domain's own server (a {@code db:verify} on a stream
 * of ours) before we answer valid or invalid; a {@code db:verify} is checked against our own
 * secret. Stanzas are taken only from domains verified on this stream and only for ours, else the
 * stream ends with the RFC 6120 §4.9.3 condition.
 */
final class IncomingS2s extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(IncomingS2s.class);
    /** Domains one stream may ask to have verified (XEP-0220 §2.1: several may share a stream). */
    private static final int MAX_DOMAINS = 16;

    private final S2sManager manager;
    private final XmppLimits limits;
    private final XmlStreamReader reader;
    private final IdleTimeout idle;
    private final Set<String> verified = new HashSet<>();
    private final Set<String> pending = new HashSet<>();
    private IncomingS2sState state = IncomingS2sState.CONNECTED;
    private boolean headerSent;
    private String streamId;

    IncomingS2s(S2sManager manager, XmppLimits limits, Clock clock) {
        this.manager = manager;
        this.limits = limits;
        this.reader = new XmlStreamReader(limits, Namespaces.SERVER);
        this.idle = new IdleTimeout(clock, () -> streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "idle"));
    }

    IncomingS2sState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.negotiationTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == IncomingS2sState.CLOSED) {
            return;
        }
        idle.resetTimeout();
        reader.feed(data);
        try {
            for (StreamEvent event = reader.next(); event != null && state != IncomingS2sState.CLOSED; event = reader.next()) {
                handle(event);
            }
        } catch (XmppStreamException e) {
            streamError(e.condition(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("xmpp s2s {}: internal error", transport().getPeer(), e);
            streamError(StreamErrorCondition.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        state = state.close();
    }

    private void handle(StreamEvent event) throws XmppStreamException {
        if (event instanceof StreamEvent.Opened opened) {
            opened(opened.header());
        } else if (event instanceof StreamEvent.Stanza stanza) {
            element(stanza.element());
        } else {
            write(XmlWriter.streamClose());
            close();
        }
    }

    private void opened(StreamHeader header) throws XmppStreamException {
        byte[] id = new byte[16];
        manager.random().nextBytes(id);
        streamId = HexFormat.of().formatHex(id);
        write(S2sStreams.header(manager.domain(), header.from(), streamId));
        headerSent = true;
        state = state.opened();
        // RFC 6120 §4.7.2: 'to' names us.
        if (header.to() != null && !header.to().equalsIgnoreCase(manager.domain())) {
            throw new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "stream to " + header.to());
        }
        idle.setTimeout(limits.idleTimeout());
        write("<stream:features><dialback xmlns='" + Namespaces.DIALBACK_FEATURE + "'><errors/></dialback></stream:features>");
    }

    private void element(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.DIALBACK, "result")) {
            result(element);
        } else if (element.is(Namespaces.DIALBACK, "verify")) {
            verify(element);
        } else if (Namespaces.SERVER.equals(element.namespace()) && List.of("message", "presence", "iq").contains(element.name())) {
            stanza(element);
        } else {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "{" + element.namespace() + "}" + element.name());
        }
    }

    /** XEP-0220 §2.2: a domain asks to send on this stream; its authoritative server is asked (§2.3). */
    private void result(XmlElement element) throws XmppStreamException {
        String originating = domainOf(element.attribute("from"));
        checkToIsUs(element.attribute("to"));
        if (originating == null || originating.equals(manager.domain())) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_FROM, "db:result from " + element.attribute("from"));
        }
        if (verified.size() + pending.size() >= MAX_DOMAINS || !pending.add(originating)) {
            throw new XmppStreamException(StreamErrorCondition.POLICY_VIOLATION, "too many or repeated dialback requests");
        }
        String key = element.text().trim();
        manager.verify(originating, streamId, key).addCallback(valid -> {
            pending.remove(originating);
            if (state == IncomingS2sState.CLOSED) {
                return null;
            }
            if (valid) {
                verified.add(originating);
                log.info("xmpp s2s {}: {} verified by dialback", transport().getPeer(), originating);
            } else {
                log.warn("xmpp s2s {}: dialback for {} failed", transport().getPeer(), originating);
            }
            write(S2sStreams.dialback("result", manager.domain(), originating, null, valid ? "valid" : "invalid", null));
            return null;
        });
    }

    /** XEP-0220 §2.3.2: we are the authoritative server: is this the key we made for that stream? */
    private void verify(XmlElement element) throws XmppStreamException {
        String receiving = domainOf(element.attribute("from"));
        checkToIsUs(element.attribute("to"));
        String id = element.attribute("id");
        if (receiving == null || id == null) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_XML, "db:verify without from or id");
        }
        boolean valid = manager.checkKey(receiving, manager.domain(), id, element.text());
        write(S2sStreams.dialback("verify", manager.domain(), receiving, id, valid ? "valid" : "invalid", null));
    }

    /** RFC 6120 §8.1.2.1 on server streams: 'from' in a domain verified on this stream, 'to' in ours. */
    private void stanza(XmlElement element) throws XmppStreamException {
        Jid from = Jid.parse(element.attribute("from"));
        Jid to = Jid.parse(element.attribute("to"));
        if (from == null || to == null) {
            throw new XmppStreamException(StreamErrorCondition.IMPROPER_ADDRESSING, element.name() + " without valid addresses");
        }
        if (!verified.contains(from.domain())) {
            throw new XmppStreamException(StreamErrorCondition.NOT_AUTHORIZED, "stanza from unverified " + from.domain());
        }
        if (!to.domain().equals(manager.domain()) && !manager.servesLocally(to.domain())) {
            throw new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "stanza to " + to.domain());
        }
        manager.inbound(element.withNamespace(Namespaces.SERVER, Namespaces.CLIENT));
    }

    private void checkToIsUs(String to) throws XmppStreamException {
        if (to == null || !to.equalsIgnoreCase(manager.domain())) {
            throw new XmppStreamException(StreamErrorCondition.HOST_UNKNOWN, "dialback to " + to);
        }
    }

    private static String domainOf(String text) {
        Jid jid = Jid.parse(text);
        return jid == null || jid.local() != null || jid.resource() != null ? null : jid.domain();
    }

    private void streamError(StreamErrorCondition condition, String why) {
        if (state == IncomingS2sState.CLOSED) {
            return;
        }
        log.info("xmpp s2s {}: stream error {}: {}", transport().getPeer(), condition.elementName(), why);
        if (!headerSent) {
            write(S2sStreams.header(manager.domain(), null, null));
        }
        write(XmlWriter.streamError(condition, null));
        close();
    }

    private void close() {
        state = state.close();
        idle.cancel();
        transport().loseConnection();
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
