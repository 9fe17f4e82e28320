package dev.torsion.irc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.netty.testing.LiveReactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reconnecting client over real sockets against our server: a connection cut by the server
 * is made again, the new client registers and rejoins its channel.
 */
class IrcReconnectingFactoryTest {
    @Test
    void reconnectsAndRejoinsAfterTheServerCutsIt() throws Exception {
        try (LiveReactor live = new LiveReactor()) {
            IrcServerFactory servers = new IrcServerFactory(IrcServerConfig.of("irc.example.org"), live.reactor);
            List<Protocol> sessions = new CopyOnWriteArrayList<>();
            ListeningPort listening = live.call(() -> live.reactor.listenTCP(0, address -> {
                Protocol session = servers.buildProtocol(address);
                sessions.add(session);
                return session;
            }, 50, "127.0.0.1"));
            int port = ((IPAddress) listening.getHost()).port();
            BlockingQueue<IrcClient> registered = new LinkedBlockingQueue<>();
            IrcReconnectingFactory factory = new IrcReconnectingFactory(live.reactor, () -> new IrcClient(IrcClientConfig.of("bot")),
                    client -> {
                        client.join("#home");
                        registered.add(client);
                    });
            factory.setInitialDelay(Duration.ofMillis(100));
            live.call(() -> live.reactor.connectTCP("127.0.0.1", port, factory));
            IrcClient first = registered.poll(30, TimeUnit.SECONDS);
            assertTrue(first != null, "the first connection did not register");
            live.call(() -> {
                sessions.get(0).transport().abortConnection();
                return null;
            });
            IrcClient second = registered.poll(30, TimeUnit.SECONDS);
            assertTrue(second != null, "the client did not come back");
            assertNotSame(first, second);
            assertEquals("bot", second.nickname());
            assertEquals(List.of("@bot"), live.await(() -> second.names("#home")));
            live.call(() -> {
                factory.stopTrying();
                second.quit("bye");
                return listening.stopListening();
            });
        }
    }
}
