package dev.torsion.irc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.irc.server.IrcServer;
import dev.torsion.irc.support.Wire;
import dev.torsion.testing.IOPump;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client against our server in memory. */
class IrcClientTest {
    private final Wire wire = new Wire();

    private static <T> T result(Deferred<T> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth((value, failure) -> {
            out.set(failure == null ? value : failure.value());
            return null;
        });
        if (out.get() instanceof Throwable t) {
            throw new AssertionError("failed: " + t, t);
        }
        return (T) out.get();
    }

    private static Throwable failure(Deferred<?> d) {
        AtomicReference<Throwable> out = new AtomicReference<>();
        d.addBoth((value, failure) -> {
            out.set(failure == null ? null : failure.value());
            return null;
        });
        return out.get();
    }

    private IOPump connect(IrcClient client) {
        return IOPump.connect((IrcServer) wire.factory.buildProtocol(null), client);
    }

    private RecordingClient registered(String nick) {
        RecordingClient client = new RecordingClient(IrcClientConfig.of(nick));
        connect(client);
        assertEquals(nick, result(client.registered()));
        return client;
    }

    @Test
    void registersWithCapabilities() {
        RecordingClient client = registered("alice");
        assertEquals(IrcClientState.REGISTERED, client.state());
        assertEquals(Set.of("multi-prefix", "server-time", "message-tags", "away-notify", "account-notify"), client.capabilities());
        assertEquals(List.of("signedOn alice"), client.events());
    }

    @Test
    void saslPlainLogsIn() {
        Wire sasl = new Wire(c -> c.withPortal(wire.portal));
        RecordingClient client = new RecordingClient(IrcClientConfig.of("nick").withSasl("alice", "secret"));
        IOPump.connect((IrcServer) sasl.factory.buildProtocol(null), client);
        assertEquals("nick", result(client.registered()));
        assertTrue(client.capabilities().contains("sasl"));
        RecordingClient other = new RecordingClient(IrcClientConfig.of("other"));
        IOPump pump = IOPump.connect((IrcServer) sasl.factory.buildProtocol(null), other);
        Deferred<WhoisReply> whois = other.whois("nick");
        pump.flush();
        assertEquals("alice", result(whois).account());
    }

    @Test
    void saslFailureFailsRegistration() {
        Wire sasl = new Wire(c -> c.withPortal(wire.portal));
        RecordingClient client = new RecordingClient(IrcClientConfig.of("nick").withSasl("alice", "wrong"));
        IOPump.connect((IrcServer) sasl.factory.buildProtocol(null), client);
        IrcClientException e = (IrcClientException) failure(client.registered());
        assertEquals("904", e.numeric());
        assertEquals(IrcClientState.CLOSED, client.state());
    }

    @Test
    void saslNotOfferedFailsRegistration() {
        RecordingClient client = new RecordingClient(IrcClientConfig.of("nick").withSasl("alice", "secret"));
        connect(client);
        assertEquals("the server offers no SASL", failure(client.registered()).getMessage());
    }

    @Test
    void serverPassword() {
        Wire locked = new Wire(c -> c.withPassword("pw".getBytes()));
        RecordingClient good = new RecordingClient(IrcClientConfig.of("good").withPassword("pw"));
        IOPump.connect((IrcServer) locked.factory.buildProtocol(null), good);
        assertEquals("good", result(good.registered()));
        RecordingClient bad = new RecordingClient(IrcClientConfig.of("bad").withPassword("nope"));
        IOPump.connect((IrcServer) locked.factory.buildProtocol(null), bad);
        assertEquals("464", ((IrcClientException) failure(bad.registered())).numeric());
    }

    @Test
    void nickCollisionTriesAnother() {
        registered("dup");
        RecordingClient second = new RecordingClient(IrcClientConfig.of("dup"));
        connect(second);
        assertEquals("dup_", result(second.registered()));
        assertEquals(List.of("nick dup_", "signedOn dup_"), second.events());
    }

    @Test
    void channelsMessagesAndDeferredQueries() {
        RecordingClient alice = new RecordingClient(IrcClientConfig.of("alice"));
        RecordingClient bob = new RecordingClient(IrcClientConfig.of("bob"));
        IOPump a = connect(alice);
        IOPump b = connect(bob);
        alice.join("#c");
        a.flush();
        bob.join("#c");
        b.flush();
        a.flush();
        Deferred<List<String>> names = bob.names("#c");
        b.flush();
        assertEquals(List.of("@alice", "bob"), result(names));
        alice.topic("#c", "the topic");
        alice.mode("#c", "+v", "bob");
        alice.msg("#c", "hello all");
        alice.describe("#c", "waves");
        a.flush();
        b.flush();
        assertEquals(List.of("signedOn bob", "joined #c", "topic alice #c the topic", "mode alice #c +v [bob]",
                "privmsg alice!~alice@127.0.0.1 #c hello all", "action alice!~alice@127.0.0.1 #c waves"), bob.events());
        Deferred<WhoisReply> whois = alice.whois("BOB");
        Deferred<WhoisReply> nobody = alice.whois("nobody");
        a.flush();
        // alice has sent 12 commands: the server's message timer (RFC 1459 §8.10) holds the last.
        wire.clock.advance(Duration.ofSeconds(5));
        a.flush();
        WhoisReply reply = result(whois);
        assertEquals(new WhoisReply("bob", "~bob", "127.0.0.1", "bob", "irc.example.org", List.of("+#c"), null, null, 0), reply);
        assertEquals("401", ((IrcClientException) failure(nobody)).numeric());
        alice.kick("#c", "bob", "out");
        a.flush();
        b.flush();
        assertTrue(bob.events().contains("kickedFrom #c alice out"), bob.events().toString());
    }

    @Test
    void ctcpQueriesAreAnswered() {
        RecordingClient alice = new RecordingClient(IrcClientConfig.of("alice"));
        RecordingClient bob = new RecordingClient(IrcClientConfig.of("bob"));
        IOPump a = connect(alice);
        IOPump b = connect(bob);
        alice.ctcpQuery("bob", "VERSION", null);
        alice.ctcpQuery("bob", "PING", "12345");
        alice.ctcpQuery("bob", "TIME", null);
        a.flush();
        b.flush();
        a.flush();
        List<String> events = alice.events();
        assertEquals("ctcpReply bob VERSION Torsion IRC client 0.1", events.get(1));
        assertEquals("ctcpReply bob PING 12345", events.get(2));
        assertTrue(events.get(3).matches("ctcpReply bob TIME \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"), events.get(3));
    }

    @Test
    void answersServerPings() {
        RecordingClient alice = new RecordingClient(IrcClientConfig.of("alice"));
        IrcServer server = (IrcServer) wire.factory.buildProtocol(null);
        IOPump pump = IOPump.connect(server, alice);
        wire.clock.advance(Duration.ofSeconds(120));
        pump.flush();
        wire.clock.advance(Duration.ofSeconds(60));
        pump.flush();
        assertEquals(IrcClientState.REGISTERED, alice.state());
        assertTrue(server.isConnected());
    }

    @Test
    void longMessagesAreSplitAtCharacterBoundaries() {
        List<String> pieces = IrcClient.split("\u00e9".repeat(300));
        assertEquals(List.of("\u00e9".repeat(200), "\u00e9".repeat(100)), pieces);
        assertEquals(List.of(""), IrcClient.split(""));
    }

    @Test
    void awayAndAccountNotifications() {
        Wire sasl = new Wire(c -> c.withPortal(wire.portal));
        RecordingClient watcher = new RecordingClient(IrcClientConfig.of("watcher"));
        RecordingClient nick = new RecordingClient(IrcClientConfig.of("nick"));
        IOPump w = IOPump.connect((IrcServer) sasl.factory.buildProtocol(null), watcher);
        IOPump n = IOPump.connect((IrcServer) sasl.factory.buildProtocol(null), nick);
        watcher.join("#c");
        w.flush();
        nick.join("#c");
        n.flush();
        nick.away("lunch");
        nick.send("AUTHENTICATE", "PLAIN");
        n.flush();
        nick.send("AUTHENTICATE", Base64.getEncoder().encodeToString("\0alice\0secret".getBytes()));
        nick.away(null);
        n.flush();
        w.flush();
        List<String> events = watcher.events();
        assertEquals(List.of("away nick lunch", "account nick alice", "away nick null"),
                events.subList(events.size() - 3, events.size()));
    }
}
