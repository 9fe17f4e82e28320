package dev.torsion.xmpp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.server.roster.RosterItem;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.support.TlsFixture;
import dev.torsion.xmpp.support.XmppWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server in memory, with real TLS records (STARTTLS) and SCRAM. */
class XmppClientTest {
    @TempDir
    Path temp;
    private TlsFixture tls;
    private XmppServer server;
    private final TestClock clock = new TestClock();

    @BeforeEach
    void setUp() throws Exception {
        tls = new TlsFixture(temp);
        server = new XmppServer(new XmppServerConfig("localhost", tls.serverOptions, true, XmppWire.portal(), XmppLimits.DEFAULTS,
                new MemoryRosterStore(), new SecureRandom(), Clock.systemUTC()), clock);
    }

    /** What a client heard. */
    static final class Heard implements XmppClientListener {
        final List<XmlElement> messages = new ArrayList<>();
        final List<XmlElement> presences = new ArrayList<>();
        final List<RosterItem> pushes = new ArrayList<>();

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

    private XmppClient client(String jid, String password, Heard heard) {
        return new XmppClient(XmppClientConfig.of(Jid.parse(jid), password.getBytes(StandardCharsets.UTF_8),
                TlsOptions.client(tls.clientContext, "localhost")), heard);
    }

    private static <T> T result(Deferred<T> deferred) {
        AtomicReference<Object> out = new AtomicReference<>();
        deferred.addBoth((value, failure) -> {
            out.set(failure != null ? failure : value);
            return null;
        });
        assertTrue(deferred.isCalled(), "not fired");
        if (out.get() instanceof Failure failure) {
            throw new AssertionError("failed: " + failure.getErrorMessage(), failure.value());
        }
        @SuppressWarnings("unchecked")
        T value = (T) out.get();
        return value;
    }

    @Test
    void logsInOverStarttlsWithScramAndChats() {
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        XmppClient alice = client("alice@localhost/laptop", "secret", aliceHeard);
        XmppClient bob = client("bob@localhost", "secret", bobHeard);
        IOPump alicePump = IOPump.connect(server.newSession(), alice);
        IOPump bobPump = IOPump.connect(server.newSession(), bob);
        alicePump.flush();
        bobPump.flush();
        assertEquals(Jid.parse("alice@localhost/laptop"), result(alice.ready()));
        assertTrue(result(bob.ready()).toString().startsWith("bob@localhost/torsion-"));
        assertEquals(XmppClientState.READY, alice.state());

        Deferred<List<RosterItem>> roster = alice.roster();
        alicePump.flush();
        assertEquals(List.of(), result(roster));
        Deferred<Void> pong = alice.ping(null);
        alicePump.flush();
        assertEquals(null, result(pong));

        bob.sendPresence(null, "here");
        bobPump.flush();
        alice.sendSubscription(Jid.parse("bob@localhost"), "subscribe");
        alicePump.flush();
        bobPump.flush();
        assertEquals("subscribe", bobHeard.presences.get(bobHeard.presences.size() - 1).attribute("type"));
        bob.sendSubscription(Jid.parse("alice@localhost"), "subscribed");
        bobPump.flush();
        alicePump.flush();
        RosterItem pushed = aliceHeard.pushes.get(aliceHeard.pushes.size() - 1);
        assertEquals("to", pushed.subscription().value());

        alice.sendMessage(Jid.parse("bob@localhost"), "hi <bob> & co");
        alicePump.flush();
        bobPump.flush();
        XmlElement message = bobHeard.messages.get(0);
        assertEquals("alice@localhost/laptop", message.attribute("from"));
        assertEquals("hi <bob> & co", message.child(Namespaces.CLIENT, "body").orElseThrow().text());

        Deferred<XmlElement> unknown = alice.iq(XmlElement.builder(Namespaces.CLIENT, "iq").attribute("type", "get")
                .child(XmlElement.empty("jabber:iq:version", "query")).build());
        alicePump.flush();
        AtomicReference<String> condition = new AtomicReference<>();
        unknown.addErrback(failure -> {
            condition.set(((XmppClientException) failure.value()).condition());
            return null;
        });
        assertEquals("service-unavailable", condition.get());
        alice.close();
        alicePump.flush();
        assertEquals(XmppClientState.CLOSED, alice.state());
    }

    @Test
    void aWrongPasswordFailsReady() {
        XmppClient client = client("alice@localhost", "wrong", new Heard());
        IOPump pump = IOPump.connect(server.newSession(), client);
        pump.flush();
        AtomicReference<String> condition = new AtomicReference<>();
        client.ready().addErrback(failure -> {
            condition.set(((XmppClientException) failure.value()).condition());
            return null;
        });
        assertEquals("not-authorized", condition.get());
        assertFalse(client.state() == XmppClientState.READY);
    }
}
