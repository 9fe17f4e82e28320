package dev.torsion.pop3.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.pop3.server.Pop3Server;
import dev.torsion.pop3.server.Pop3ServerConfig;
import dev.torsion.pop3.support.MemoryMailbox;
import dev.torsion.pop3.support.TlsFixture;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against our server in memory, and against scripted answers. */
class Pop3ClientTest {
    private final MemoryMailbox mailbox = new MemoryMailbox().add("Subject: one\r\n\r\n.dot\r\nbody\r\n").add("Subject: two\r\n\r\nx\r\n");

    private IOPump connect(Pop3Client client, UnaryOperator<Pop3ServerConfig> configure) {
        TestClock clock = new TestClock();
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(new LoginResult(ifaces.get(0), mailbox, () -> { })), clock, users);
        portal.setFailureDelay(Duration.ZERO);
        return IOPump.connect(new Pop3Server(configure.apply(Pop3ServerConfig.of("pop.example.org", portal).allowingPlaintextLogin()), clock), client);
    }

    private static <T> T value(Deferred<T> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth((v, f) -> {
            out.set(f == null ? v : f);
            return null;
        });
        assertTrue(d.isCalled());
        if (out.get() instanceof Failure failure) {
            throw new AssertionError(failure.getErrorMessage());
        }
        @SuppressWarnings("unchecked")
        T result = (T) out.get();
        return result;
    }

    /** A consumer that keeps what it is given and the producer it was given. */
    private static final class RecordingConsumer implements Consumer {
        final StringBuilder received = new StringBuilder();
        final List<String> events = new ArrayList<>();
        Producer producer;

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
            this.producer = producer;
            events.add("register streaming=" + streaming);
        }

        @Override
        public void unregisterProducer() {
            producer = null;
            events.add("unregister");
        }

        @Override
        public void write(byte[] data) {
            received.append(new String(data, StandardCharsets.UTF_8));
        }
    }

    @Test
    void retrieveStreamsTheMessageToAConsumerWithTheConnectionAsItsProducer() {
        Pop3Client client = new Pop3Client();
        IOPump pump = connect(client, c -> c);
        Deferred<String> login = client.login("alice", "secret");
        RecordingConsumer sink = new RecordingConsumer();
        Deferred<Long> streamed = client.retrieve(1, sink);
        Deferred<byte[]> whole = client.retrieve(2);
        pump.flush();
        assertEquals("Logged in, 2 messages", value(login));
        assertEquals("Subject: one\r\n\r\n.dot\r\nbody\r\n", sink.received.toString(), "un-stuffed, CR LF line ends");
        assertEquals(28L, value(streamed));
        assertEquals(List.of("register streaming=true", "unregister"), sink.events);
        assertEquals("Subject: two\r\n\r\nx\r\n", new String(value(whole), StandardCharsets.UTF_8),
                "the next answer is gathered as usual");
    }

    @Test
    void aStreamingConsumerIsReleasedWhenTheConnectionIsLost() {
        StringTransport wire = new StringTransport();
        Pop3Client client = new Pop3Client();
        client.makeConnection(wire);
        client.dataReceived("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
        RecordingConsumer sink = new RecordingConsumer();
        Deferred<Long> streamed = client.retrieve(1, sink);
        client.dataReceived("+OK 100 octets\r\nfirst line\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(sink.producer == wire, "the connection is the consumer's producer while the answer streams");
        client.connectionLost(Failure.of(new IllegalStateException("gone")));
        assertEquals("first line\r\n", sink.received.toString());
        assertEquals(List.of("register streaming=true", "unregister"), sink.events);
        AtomicReference<Failure> failed = new AtomicReference<>();
        streamed.addErrback(f -> {
            failed.set(f);
            return null;
        });
        assertInstanceOf(Pop3ClientException.class, failed.get().value());
    }

    @Test
    void everyCommandAsADeferred() {
        Pop3Client client = new Pop3Client();
        IOPump pump = connect(client, c -> c);
        assertEquals("POP3 server ready", value(client.greeting()));
        Deferred<List<String>> capa = client.capabilities();
        Deferred<String> login = client.login("alice", "secret");
        Deferred<Pop3Stat> stat = client.stat();
        Deferred<List<Long>> list = client.list();
        Deferred<List<String>> uidl = client.uidl();
        Deferred<byte[]> first = client.retrieve(1);
        Deferred<byte[]> top = client.top(1, 0);
        Deferred<String> dele = client.delete(2);
        Deferred<List<Long>> after = client.list();
        Deferred<byte[]> missing = client.retrieve(2);
        Deferred<String> quit = client.quit();
        pump.flush();
        assertTrue(value(capa).contains("UIDL"));
        assertEquals("Logged in, 2 messages", value(login));
        assertEquals(new Pop3Stat(2, 47), value(stat));
        assertEquals(List.of(28L, 19L), value(list));
        assertEquals(List.of("uid-1", "uid-2"), value(uidl));
        assertArrayEquals("Subject: one\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), value(first));
        assertArrayEquals("Subject: one\r\n\r\n".getBytes(StandardCharsets.US_ASCII), value(top));
        assertEquals("Message 2 deleted", value(dele));
        assertEquals(List.of(28L), value(after));
        AtomicReference<Failure> refused = new AtomicReference<>();
        missing.addErrback(f -> {
            refused.set(f);
            return null;
        });
        assertEquals("Message 2 already deleted", refused.get().value().getMessage());
        assertEquals("Bye, 1 messages deleted", value(quit));
        assertEquals(List.of(2L), mailbox.deletedIds);
    }

    @Test
    void stlsOverRealTlsInMemoryThenLogin(@TempDir Path temp) throws Exception {
        TlsFixture tls = new TlsFixture(temp);
        Pop3Client client = new Pop3Client();
        IOPump pump = connect(client, c -> c.withStartTls(tls.serverOptions));
        Deferred<String> stls = client.startTls(TlsOptions.client(tls.clientContext, "localhost"));
        Deferred<List<String>> capa = client.capabilities();
        Deferred<String> login = client.login("alice", "secret");
        Deferred<byte[]> first = client.retrieve(1);
        pump.flush();
        assertEquals("Begin TLS negotiation", value(stls));
        assertTrue(!value(capa).contains("STLS"), "no STLS once under TLS");
        assertEquals("Logged in, 2 messages", value(login));
        assertArrayEquals("Subject: one\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), value(first));
    }

    @Test
    void apopUsesTheGreetingsTimestamp() {
        Pop3Client client = new Pop3Client();
        IOPump pump = connect(client, Pop3ServerConfig::withApop);
        Deferred<String> login = client.apop("alice", "secret");
        pump.flush();
        assertEquals("Logged in, 2 messages", value(login));
    }

    @Test
    void wrongPasswordFailsItsDeferredOnly() {
        Pop3Client client = new Pop3Client();
        IOPump pump = connect(client, c -> c);
        Deferred<String> login = client.authPlain("alice", "wrong");
        Deferred<String> retry = client.authPlain("alice", "secret");
        pump.flush();
        AtomicReference<Failure> failure = new AtomicReference<>();
        login.addErrback(f -> {
            failure.set(f);
            return null;
        });
        assertInstanceOf(Pop3ClientException.class, failure.get().value());
        assertEquals("[AUTH] Authentication failed", failure.get().value().getMessage());
        assertEquals("Logged in, 2 messages", value(retry));
    }

    @Test
    void junkFromTheServerFailsEverythingPending() {
        Pop3Client client = new Pop3Client();
        StringTransport wire = new StringTransport();
        client.makeConnection(wire);
        client.dataReceived("+OK hi\r\n".getBytes(StandardCharsets.US_ASCII));
        Deferred<Pop3Stat> stat = client.stat();
        Deferred<String> noop = client.noop();
        client.dataReceived("* OK imap here\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.isAborted());
        List<String> errors = new ArrayList<>();
        for (Deferred<?> d : Arrays.asList(stat, noop)) {
            d.addErrback(f -> {
                errors.add(f.value().getMessage());
                return null;
            });
        }
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).startsWith("not a POP3 answer"));
    }

    @Test
    void aCommandAfterTheConnectionIsLostFailsAtOnce() {
        StringTransport wire = new StringTransport();
        Pop3Client client = new Pop3Client();
        client.makeConnection(wire);
        client.dataReceived("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
        client.connectionLost(Failure.of(new IllegalStateException("gone")));
        wire.clear();
        Deferred<String> noop = client.noop();
        assertTrue(noop.isCalled(), "a command on a closed connection must not wait for an answer that never comes");
        AtomicReference<Failure> failed = new AtomicReference<>();
        noop.addErrback(f -> {
            failed.set(f);
            return null;
        });
        assertEquals("the connection is closed", failed.get().value().getMessage());
        assertEquals("", wire.valueAsString());
    }

    @Test
    void aLineNobodyAskedForAbortsTheConnection() {
        StringTransport wire = new StringTransport();
        Pop3Client client = new Pop3Client();
        client.makeConnection(wire);
        client.dataReceived("+OK ready\r\n+OK surprise\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.isAborted());
        Deferred<String> noop = client.noop();
        assertTrue(noop.isCalled(), "the client gave up on the connection");
        noop.addErrback(f -> null);
    }

    @Test
    void commandsGoOutOneAtATimeEachAfterTheLastAnswer() {
        StringTransport wire = new StringTransport();
        Pop3Client client = new Pop3Client();
        client.makeConnection(wire);
        Deferred<Pop3Stat> stat = client.stat();
        Deferred<List<Long>> list = client.list();
        assertEquals("", wire.valueAsString(), "nothing before the greeting");
        client.dataReceived("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("STAT\r\n", wire.valueAsString());
        client.dataReceived("+OK 2 320\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("STAT\r\nLIST\r\n", wire.valueAsString());
        client.dataReceived("+OK\r\n1 120\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(!list.isCalled(), "the body is still coming");
        client.dataReceived("2 200\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new Pop3Stat(2, 320), value(stat));
        assertEquals(List.of(120L, 200L), value(list));
    }
}
