package dev.torsion.irc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.client.IrcClientConfig;
import dev.torsion.irc.client.IrcClientException;
import dev.torsion.irc.client.RecordingClient;
import dev.torsion.irc.client.WhoisReply;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Our client against a real IRC server (started by the subclass on loopback with a private
 * config): registration with CAP, nick collision, channels, topic, modes, messages, CTCP,
 * Deferred WHOIS and NAMES.
 */
abstract class RealServerClientTests {
    private static Process server;
    static int port;
    private static LiveReactor live;

    /** Starts {@code command} and waits for {@code readyLine} in its output. */
    static void startServer(List<String> command, String readyLine) throws Exception {
        Programs.require(command.get(0));
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains(readyLine)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, command.get(0) + " output");
        reader.setDaemon(true);
        reader.start();
        boolean started = ready.await(20, TimeUnit.SECONDS);
        synchronized (log) {
            assertTrue(started, command.get(0) + " did not start:\n" + log);
        }
        live = new LiveReactor();
    }

    /** The server's name, as WHOIS 312 gives it. */
    abstract String serverName();

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (server != null) {
            server.destroy();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server did not stop");
        }
    }

    private static RecordingClient connect(IrcClientConfig config) throws Exception {
        RecordingClient client = new RecordingClient(config);
        live.call(() -> live.reactor.connectTCP("127.0.0.1", port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return client;
            }
        }));
        return client;
    }

    @Test
    void registersTalksAndQueries() throws Exception {
        RecordingClient alice = connect(IrcClientConfig.of("tally"));
        RecordingClient bob = connect(IrcClientConfig.of("tbob"));
        assertEquals("tally", live.await(alice::registered));
        assertEquals("tbob", live.await(bob::registered));
        assertTrue(alice.capabilities().contains("multi-prefix"), alice.capabilities().toString());

        live.call(() -> {
            alice.join("#torsion");
            return null;
        });
        alice.await("joined #torsion", 10_000);
        live.call(() -> {
            bob.join("#torsion");
            return null;
        });
        alice.await("userJoined tbob #torsion", 10_000);
        assertEquals(Set.of("@tally", "tbob"), Set.copyOf(live.await(() -> bob.names("#torsion"))));
        live.call(() -> {
            alice.topic("#torsion", "ngircd topic");
            alice.mode("#torsion", "+v", "tbob");
            alice.msg("#torsion", "hello from torsion");
            alice.describe("#torsion", "waves");
            alice.ctcpQuery("tbob", "VERSION", null);
            return null;
        });
        bob.await("topic tally #torsion ngircd topic", 10_000);
        bob.await("mode tally #torsion +v [tbob]", 10_000);
        assertTrue(bob.await("privmsg tally!", 10_000).endsWith(" #torsion hello from torsion"));
        assertTrue(bob.await("action tally!", 10_000).endsWith(" #torsion waves"));
        assertEquals("ctcpReply tbob VERSION Torsion IRC client 0.1", alice.await("ctcpReply", 10_000));

        WhoisReply whois = live.await(() -> alice.whois("TBOB"));
        assertEquals("tbob", whois.nick());
        assertEquals(serverName(), whois.server());
        assertEquals(List.of("+#torsion"), whois.channels());
        IrcClientException none = assertThrows(IrcClientException.class, () -> live.await(() -> alice.whois("nobody-here")));
        assertEquals("401", none.numeric());
    }

    @Test
    void nickCollisionIsResolved() throws Exception {
        RecordingClient first = connect(IrcClientConfig.of("tdup"));
        assertEquals("tdup", live.await(first::registered));
        RecordingClient second = connect(IrcClientConfig.of("tdup"));
        assertEquals("tdup_", live.await(second::registered));
        assertTrue(second.events().contains("nick tdup_"), second.events().toString());
    }
}
