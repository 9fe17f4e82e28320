package dev.torsion.xmpp.server.s2s;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.time.Clock;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.server.DomainRoute;
import dev.torsion.xmpp.server.StanzaErrors;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-to-server federation of one {@link XmppServer} with server dialback (XEP-0220, keys as
 * XEP-0185 recommends): the server's route for every domain it does not serve. Stanzas for another
 * domain go on one outgoing stream per domain, opened through {@code resolver} (the place of DNS
 * SRV lookups, RFC 6120 §3.2; a static map on loopback in tests) and used once the other server
 * verified our key; {@link #listener()} makes the streams other servers open to us. No TLS on
 * these streams yet. Used on the reactor thread only.
 */
public final class S2sManager implements DomainRoute {
    private static final Logger log = LoggerFactory.getLogger(S2sManager.class);
    /** Stanzas waiting per outgoing stream while dialback runs; beyond it they bounce. */
    private static final int MAX_QUEUED = 1000;

    private final XmppServer server;
    private final DialbackKey keys;
    private final Function<String, ClientEndpoint> resolver;
    private final Clock clock;
    private final Map<String, OutgoingS2s> outgoing = new HashMap<>();

    /**
     * Federation for {@code server} with the dialback {@code secret} (never sent; only keys made
     * from it), reaching other domains' servers where {@code resolver} says (null: unknown).
     */
    public S2sManager(XmppServer server, byte[] secret, Function<String, ClientEndpoint> resolver, Clock clock) {
        this.server = server;
        this.keys = new DialbackKey(secret);
        this.resolver = resolver;
        this.clock = clock;
    }

    /** Makes this the route of every other domain of {@code server}, and returns it. */
    public S2sManager attach() {
        server.setRemoteRoute(this);
        return this;
    }

    /** The factory of the streams other servers open to us (the s2s port, 5269 by custom). */
    public ProtocolFactory listener() {
        return address -> new IncomingS2s(this, server.config().limits(), clock);
    }

    /** The domains with an outgoing stream now (open or opening). */
    public List<String> connectedDomains() {
        return List.copyOf(outgoing.keySet());
    }

    String domain() {
        return server.config().domain();
    }

    Random random() {
        return server.config().random();
    }

    boolean servesLocally(String routeDomain) {
        return server.hasRoute(routeDomain);
    }

    String key(String receiving, String originating, String streamId) {
        return keys.generate(receiving, originating, streamId);
    }

    boolean checkKey(String receiving, String originating, String streamId, String key) {
        return keys.matches(receiving, originating, streamId, key);
    }

    /** A stanza a verified remote domain sent us. */
    void inbound(XmlElement stanza) {
        server.route(stanza);
    }

    @Override
    public void deliver(XmlElement stanza) {
        String remote = Jid.parse(stanza.attribute("to")).domain();
        OutgoingS2s stream = outgoing.get(remote);
        if (stream == null) {
            stream = open(remote, null);
            if (stream == null || stream.state() == OutgoingS2sState.CLOSED) {
                bounce(stanza, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
                return;
            }
            outgoing.put(remote, stream);
        }
        if (!stream.send(stanza)) {
            bounce(stanza, StanzaErrors.RESOURCE_CONSTRAINT);
        }
    }

    /** XEP-0220 §2.3: asks {@code originating}'s server whether {@code key} is its key for our stream {@code streamId}. */
    Deferred<Boolean> verify(String originating, String streamId, String key) {
        OutgoingS2s stream = open(originating, new OutgoingS2s.Verification(streamId, key));
        return stream == null ? Deferred.succeed(false) : stream.verified();
    }

    private OutgoingS2s open(String remote, OutgoingS2s.Verification verification) {
        ClientEndpoint endpoint = resolver.apply(remote);
        if (endpoint == null) {
            log.info("xmpp s2s: no server known for {}", remote);
            return null;
        }
        OutgoingS2s stream = new OutgoingS2s(this, remote, verification, server.config().limits(), clock, MAX_QUEUED);
        endpoint.connect(address -> stream).addErrback(failure -> {
            log.info("xmpp s2s: cannot reach {}: {}", remote, failure.getErrorMessage());
            stream.connectFailed(failure.getErrorMessage());
            return null;
        });
        return stream;
    }

    /** An outgoing stream ended: it is forgotten, and what it could not send bounces (RFC 6120 §10.4.3). */
    void outgoingEnded(OutgoingS2s stream, String remote, List<XmlElement> unsent, String why) {
        outgoing.remove(remote, stream);
        if (!unsent.isEmpty()) {
            log.info("xmpp s2s {}: {} stanzas not sent: {}", remote, unsent.size(), why);
        }
        for (XmlElement stanza : unsent) {
            bounce(stanza, StanzaErrors.REMOTE_SERVER_NOT_FOUND);
        }
    }

    private void bounce(XmlElement stanza, String condition) {
        if (!"error".equals(stanza.attribute("type"))) {
            server.route(StanzaErrors.reply(stanza, condition, domain()));
        }
    }
}
