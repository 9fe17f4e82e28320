package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.error.ConnectionDone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A line server under load: 200 concurrent clients (on a reactor of their own) each send 100
 * lines to one {@link LineEchoServer}; every answer is checked, in order, by its {@link LineClient}.
 */
class LineLoadTest {
    private static final int CLIENTS = 200;
    private static final int LINES = 100;

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void twoHundredClientsAHundredLinesEach(String kind) throws Exception {
        try (ReactorThread serverSide = ReactorThread.start(kind);
                ReactorThread clientSide = ReactorThread.start(kind)) {
            List<LineEchoServer> served = new CopyOnWriteArrayList<>();
            ListeningPort listening = serverSide.call(() -> serverSide.reactor().listenTCP(0, address -> {
                LineEchoServer protocol = new LineEchoServer();
                served.add(protocol);
                return protocol;
            }, CLIENTS + 56, "127.0.0.1"));
            int port = ReactorThread.portOf(listening);

            List<LineClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new LineClient(LineClient.numberedLines("client-" + i, LINES)));
            }
            clientSide.run(() -> clients.forEach(client -> clientSide.reactor().connectTCP("127.0.0.1", port,
                    Factories.clientOf(client), Duration.ofSeconds(30), null)));

            for (LineClient client : clients) {
                assertEquals(LINES + 1, client.awaitDone().size());
                assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            }
            assertEquals(CLIENTS, served.size());
            int lines = 0;
            for (LineEchoServer server : served) {
                assertInstanceOf(ConnectionDone.class,
                        server.lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS).value());
                assertEquals(LINES, server.count());
                lines += server.count();
            }
            assertEquals(CLIENTS * LINES, lines);
        }
    }
}
