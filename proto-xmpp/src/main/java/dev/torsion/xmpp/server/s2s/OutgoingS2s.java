package dev.torsion.xmpp.server.s2s;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream we open to another server (RFC 6120 §4, XEP-0220). Either it carries our stanzas: it
 * sends {@code db:result} with our key for the stream id the receiving server gave, queues stanzas
 * until the answer is {@code type='valid'} and then sends them; or it only asks, as authoritative
 * check of a key another stream presented, {@code db:verify}, and fires {@link #verified()}.
 */
final class OutgoingS2s extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(OutgoingS2s.class);

    /** A key to check with the authoritative server (XEP-0220 §2.3). */
    record Verification(String streamId, String key) {
    }

    private final S2sManager manager;
    private final String remote;
    private final Verification verification;
    private final XmlStreamReader reader;
    private final IdleTimeout idle;
    private final int maxQueued;
    private final XmppLimits limits;
    private final List<XmlElement> queue = new ArrayList<>();
    private final Deferred<Boolean> verified = new Deferred<>();
    private OutgoingS2sState state = OutgoingS2sState.OPENING;
    private String streamId;

    /** A stream to {@code remote}: routing when {@code verification} is null, else a verification only. */
    OutgoingS2s(S2sManager manager, String remote, Verification verification, XmppLimits limits, Clock clock, int maxQueued) {
        this.manager = manager;
        this.remote = remote;
        this.verification = verification;
        this.reader = new XmlStreamReader(limits, Namespaces.SERVER);
        this.idle = new IdleTimeout(clock, () -> fail(StreamErrorCondition.CONNECTION_TIMEOUT, "no dialback answer in time"));
        this.maxQueued = maxQueued;
        this.limits = limits;
    }

    OutgoingS2sState state() {
        return state;
    }

    /** For a verification: fires with whether the authoritative server found the key valid (false when it could not say). */
    Deferred<Boolean> verified() {
        return verified;
    }

    /** Sends {@code stanza} now, or once validated; false when the queue is full. */
    boolean send(XmlElement stanza) {
        if (state == OutgoingS2sState.VALID) {
            transport().write(S2sStreams.stanza(stanza));
            return true;
        }
        if (state == OutgoingS2sState.CLOSED || queue.size() >= maxQueued) {
            return false;
        }
        queue.add(stanza);
        return true;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.negotiationTimeout());
        write(S2sStreams.header(manager.domain(), remote, null));
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == OutgoingS2sState.CLOSED) {
            return;
        }
        reader.feed(data);
        try {
            for (StreamEvent event = reader.next(); event != null && state != OutgoingS2sState.CLOSED; event = reader.next()) {
                handle(event);
            }
        } catch (XmppStreamException e) {
            fail(e.condition(), e.getMessage());
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        end("connection lost");
    }

    /** The connection could not be made: the queued stanzas are given back, a verification says false. */
    void connectFailed(String why) {
        end("cannot connect: " + why);
    }

    private void handle(StreamEvent event) throws XmppStreamException {
        if (event instanceof StreamEvent.Opened opened) {
            StreamHeader header = opened.header();
            if (header.id() == null || header.id().isEmpty()) {
                throw new XmppStreamException(StreamErrorCondition.INVALID_XML, "no stream id");
            }
            streamId = header.id(); // XEP-0220 §2.1.2: features come next (version 1.0)
        } else if (event instanceof StreamEvent.Stanza stanza) {
            element(stanza.element());
        } else {
            write(XmlWriter.streamClose());
            end("closed by " + remote);
        }
    }

    private void element(XmlElement element) throws XmppStreamException {
        if (element.is(Namespaces.STREAMS, "error")) {
            String condition = element.elements().isEmpty() ? "undefined-condition" : element.elements().get(0).name();
            log.info("xmpp s2s {}: stream error {}", remote, condition);
            end("stream error " + condition);
        } else if (element.is(Namespaces.STREAMS, "features") && state == OutgoingS2sState.OPENING) {
            sendDialback();
        } else if (element.is(Namespaces.DIALBACK, "result") && state == OutgoingS2sState.DIALBACK_SENT && verification == null) {
            result(element);
        } else if (element.is(Namespaces.DIALBACK, "verify") && state == OutgoingS2sState.DIALBACK_SENT && verification != null) {
            verify(element);
        } else {
            throw new XmppStreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "{" + element.namespace() + "}" + element.name() + " in " + state);
        }
    }

    /** XEP-0220 §2.1.1 (our key for this stream) or §2.3.1 (a key to check). */
    private void sendDialback() {
        state = state.dialbackSent();
        if (verification == null) {
            write(S2sStreams.dialback("result", manager.domain(), remote, null, null, manager.key(remote, manager.domain(), streamId)));
        } else {
            write(S2sStreams.dialback("verify", manager.domain(), remote, verification.streamId(), null, verification.key()));
        }
    }

    /** XEP-0220 §2.4: the receiving server's verdict on our key. */
    private void result(XmlElement element) throws XmppStreamException {
        if (!"valid".equals(element.attribute("type"))) {
            log.warn("xmpp s2s {}: our dialback key was refused", remote);
            write(XmlWriter.streamClose());
            end("dialback refused");
            return;
        }
        state = state.validated();
        idle.cancel();
        log.info("xmpp s2s {}: dialback valid, routing", remote);
        for (XmlElement stanza : queue) {
            transport().write(S2sStreams.stanza(stanza));
        }
        queue.clear();
    }

    /** XEP-0220 §2.3.2: the authoritative answer for the stream id we asked about. */
    private void verify(XmlElement element) throws XmppStreamException {
        if (!verification.streamId().equals(element.attribute("id"))) {
            throw new XmppStreamException(StreamErrorCondition.INVALID_XML, "db:verify for another stream id");
        }
        verified.callback("valid".equals(element.attribute("type")));
        write(XmlWriter.streamClose());
        end(null);
    }

    private void fail(StreamErrorCondition condition, String why) {
        if (state != OutgoingS2sState.CLOSED) {
            log.info("xmpp s2s {}: {}: {}", remote, condition.elementName(), why);
            write(XmlWriter.streamError(condition, null));
            end(why);
        }
    }

    private void end(String why) {
        if (state == OutgoingS2sState.CLOSED) {
            return;
        }
        state = state.close();
        idle.cancel();
        if (!verified.isCalled()) {
            verified.callback(false);
        }
        List<XmlElement> unsent = new ArrayList<>(queue);
        queue.clear();
        manager.outgoingEnded(this, remote, unsent, why);
        if (transport() != null) {
            transport().loseConnection();
        }
    }

    private void write(String text) {
        transport().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
