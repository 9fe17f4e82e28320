package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.client.StreamManagement;
import dev.torsion.xmpp.client.XmppClient;
import dev.torsion.xmpp.client.XmppClientConfig;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.client.XmppClientListener;
import dev.torsion.xmpp.server.roster.RosterItem;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.support.ProsodyFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against Prosody (the Debian package, in the foreground with a private config on
 * loopback): STARTTLS with certificate verification, SCRAM-SHA-256, binding, roster, subscription, presence, messages both ways between two of our
 * clients through Prosody, ping and an IQ error.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ProsodyClientInteropTest {
    @TempDir
    static Path temp;
    static ProsodyFixture prosody;
    static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        prosody = ProsodyFixture.start(temp, List.of("alice", "bob"), List.of("smacks"));
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    /** What one client heard, handed to the test thread. */
    static final class Heard implements XmppClientListener {
        final BlockingQueue<XmlElement> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<XmlElement> presences = new LinkedBlockingQueue<>();
        final BlockingQueue<RosterItem> pushes = new LinkedBlockingQueue<>();

        @Override
        public void messageReceived(XmlElement message) {
            messages.add(message);
        }

        @Override
        public void presenceReceived(XmlElement presence) {
            presences.add(presence);
        }

        @Override
        public void rosterPushed(RosterItem item) {
            pushes.add(item);
        }
    }

    private XmppClient connect(String jid, Heard heard) throws Exception {
        XmppClient client = new XmppClient(XmppClientConfig.of(Jid.parse(jid), "secret".getBytes(StandardCharsets.UTF_8),
                TlsOptions.client(prosody.tls.clientContext, "localhost")), heard);
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + prosody.port).connect(address -> client));
        Jid bound = live.await(client::ready);
        assertEquals(Jid.parse(jid).bare(), bound.bare());
        assertEquals("SCRAM-SHA-256", client.mechanism(), "Prosody 0.12 offers SCRAM-SHA-256 and our client prefers it");
        return client;
    }

    private static XmlElement next(BlockingQueue<XmlElement> queue, String what) throws InterruptedException {
        XmlElement element = queue.poll(20, TimeUnit.SECONDS);
        assertNotNull(element, "no " + what + " arrived");
        return element;
    }

    @Test
    void ourClientsLogInSubscribeAndChatThroughProsody() throws Exception {
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        XmppClient alice = connect("alice@localhost/torsion", aliceHeard);
        XmppClient bob = connect("bob@localhost/torsion", bobHeard);
        assertEquals(List.of(), live.await(() -> alice.roster()));
        live.await(() -> alice.ping(Jid.parse("localhost")));
        live.call(() -> {
            bob.sendPresence(null, "at work");
            alice.sendPresence(null, null); // presence is delivered to available resources only
            alice.sendSubscription(Jid.parse("bob@localhost"), "subscribe");
            return null;
        });
        XmlElement request = next(bobHeard.presences, "subscription request");
        while (!"subscribe".equals(request.attribute("type"))) {
            request = next(bobHeard.presences, "subscription request");
        }
        assertEquals("alice@localhost", Jid.parse(request.attribute("from")).bare().toString());
        live.call(() -> {
            bob.sendSubscription(Jid.parse("alice@localhost"), "subscribed");
            return null;
        });
        RosterItem item = aliceHeard.pushes.poll(20, TimeUnit.SECONDS);
        while (item != null && !item.subscription().hasTo()) {
            item = aliceHeard.pushes.poll(20, TimeUnit.SECONDS);
        }
        assertNotNull(item, "no roster push with subscription to");
        assertEquals("bob@localhost", item.jid().toString());
        XmlElement presence = next(aliceHeard.presences, "presence of bob");
        // Alice's own presence comes back to her too (RFC 6121 §4.2.2): wait for bob's.
        while (presence.attribute("type") != null || !presence.attribute("from").startsWith("bob@")) {
            presence = next(aliceHeard.presences, "presence of bob");
        }
        assertEquals("bob@localhost/torsion", presence.attribute("from"));
        live.call(() -> {
            alice.sendMessage(Jid.parse("bob@localhost/torsion"), "hello \u00e9 <&>");
            return null;
        });
        XmlElement message = next(bobHeard.messages, "message");
        assertEquals("alice@localhost/torsion", message.attribute("from"));
        assertEquals("hello \u00e9 <&>", message.child(Namespaces.CLIENT, "body").orElseThrow().text());
        XmppClientException refused = null;
        try {
            live.await(() -> alice.iq(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "get")
                    .attribute("to", "localhost").child(XmlElement.empty("urn:example:nothing", "query")).build()));
        } catch (XmppClientException e) {
            refused = e;
        }
        assertNotNull(refused, "an unknown IQ was answered");
        assertEquals("service-unavailable", refused.condition());
        live.call(() -> {
            alice.close();
            bob.close();
            return null;
        });
    }

    @Test
    void ourClientAcknowledgesAndResumesAStreamManagedSession() throws Exception {
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        XmppClient alice = new XmppClient(XmppClientConfig.of(Jid.parse("alice@localhost/sm"), "secret".getBytes(StandardCharsets.UTF_8),
                TlsOptions.client(prosody.tls.clientContext, "localhost")), aliceHeard).enableStreamManagement();
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + prosody.port).connect(address -> alice));
        assertEquals(Jid.parse("alice@localhost/sm"), live.await(alice::ready));
        StreamManagement managed = live.await(alice::streamManagement);
        assertNotNull(managed.resumeId(), "Prosody did not allow resumption");
        XmppClient bob = connect("bob@localhost/sm", bobHeard);

        // XEP-0198 §4: two stanzas sent since enabling (presence, message), both acknowledged.
        live.call(() -> {
            alice.sendPresence(null, null);
            alice.sendMessage(Jid.parse("bob@localhost/sm"), "counted");
            return null;
        });
        assertEquals(2L, live.await(alice::requestAck));
        assertEquals(0, live.call(managed::unackedCount));
        next(bobHeard.messages, "alice's message");
        live.call(() -> {
            bob.sendMessage(Jid.parse("alice@localhost/sm"), "before the break");
            return null;
        });
        assertEquals("before the break", next(aliceHeard.messages, "bob's message").child(Namespaces.CLIENT, "body").orElseThrow().text());
        long handled = live.call(managed::handled);
        assertTrue(handled >= 1, "bob's message was not counted");

        // The connection breaks; bob writes meanwhile; a new connection resumes the session (§5).
        live.call(() -> {
            alice.transport().abortConnection();
            return null;
        });
        live.call(() -> {
            bob.sendMessage(Jid.parse("alice@localhost/sm"), "while you were away");
            return null;
        });
        Heard resumedHeard = new Heard();
        XmppClient resumed = new XmppClient(XmppClientConfig.of(Jid.parse("alice@localhost/sm"), "secret".getBytes(StandardCharsets.UTF_8),
                TlsOptions.client(prosody.tls.clientContext, "localhost")), resumedHeard).resuming(managed);
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + prosody.port).connect(address -> resumed));
        assertEquals(Jid.parse("alice@localhost/sm"), live.await(resumed::ready));
        XmlElement replayed = next(resumedHeard.messages, "the message sent while away");
        assertEquals("while you were away", replayed.child(Namespaces.CLIENT, "body").orElseThrow().text());
        assertTrue(resumedHeard.messages.poll(1, TimeUnit.SECONDS) == null, "a message handled before the break came again");
        live.call(() -> {
            resumed.close();
            bob.close();
            return null;
        });
    }
}
