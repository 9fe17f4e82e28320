package dev.torsion.telnet.manhole;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.client.TelnetClient;
import dev.torsion.telnet.client.TelnetClientOptions;
import dev.torsion.telnet.client.TelnetClientProtocol;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The manhole on a real reactor with our client: a snippet that never ends keeps only its worker
 * thread busy (the reactor still answers), and Ctrl-C stops it and brings the prompt back; a
 * client that hangs up on a running snippet leaves no thread spinning.
 */
class ManholeInterruptTest {
    @Test
    void ctrlCStopsARunawaySnippet() throws Exception {
        try (LiveReactor live = new LiveReactor()) {
            Portal portal = new Portal(new ManholeRealm(),
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("admin", "secret"));
            ListeningPort port = live.call(() -> live.reactor.listenTCP(0, ManholeServer.telnetFactory(live.reactor,
                    portal, ManholeNamespace.empty(), TelnetLimits.DEFAULT, false), 50, "127.0.0.1"));
            int tcp = ((IPAddress) port.getHost()).port();
            TelnetClientProtocol client = live.await(() -> TelnetClient.connect(live.reactor, "127.0.0.1", tcp,
                    TelnetClientOptions.DEFAULT, TelnetLimits.DEFAULT));
            live.await(() -> client.expect("login: "));
            live.call(() -> {
                client.sendLine("admin");
                client.sendLine("secret");
                return null;
            });
            live.await(() -> client.expect("jshell> "));
            live.call(() -> {
                client.sendLine("while (true) { Thread.onSpinWait(); }");
                return null;
            });
            live.await(() -> client.expect("Thread.onSpinWait(); }"));
            assertTrue(live.call(() -> live.reactor.isRunning()), "the reactor is free while the snippet runs");
            live.call(() -> {
                client.send(new byte[] {3});
                return null;
            });
            live.await(() -> client.expect("jshell> "));
            live.call(() -> {
                client.sendLine("1+1");
                return null;
            });
            live.await(() -> client.expect("==> 2"));
            live.call(() -> port.stopListening());
        }
    }

    @Test
    void hangingUpStopsARunawaySnippet() throws Exception {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        try (LiveReactor live = new LiveReactor()) {
            Portal portal = new Portal(new ManholeRealm(),
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("admin", "secret"));
            ManholeNamespace namespace = ManholeNamespace.empty().bind("runner", AtomicReference.class, runner)
                    .bind("running", CountDownLatch.class, running);
            ListeningPort port = live.call(() -> live.reactor.listenTCP(0, ManholeServer.telnetFactory(live.reactor,
                    portal, namespace, TelnetLimits.DEFAULT, false), 50, "127.0.0.1"));
            int tcp = ((IPAddress) port.getHost()).port();
            TelnetClientProtocol client = live.await(() -> TelnetClient.connect(live.reactor, "127.0.0.1", tcp,
                    TelnetClientOptions.DEFAULT, TelnetLimits.DEFAULT));
            live.call(() -> {
                client.sendLine("admin");
                client.sendLine("secret");
                return null;
            });
            live.await(() -> client.expect("jshell> "));
            live.call(() -> {
                client.sendLine("runner.set(Thread.currentThread()); running.countDown(); while (true) { }");
                return null;
            });
            assertTrue(running.await(60, TimeUnit.SECONDS), "the snippet runs");
            live.call(() -> {
                client.transport().loseConnection();
                return null;
            });
            runner.get().join(30_000);
            assertFalse(runner.get().isAlive(), "the snippet's thread was stopped when the client hung up");
            live.call(() -> port.stopListening());
        }
    }
}
