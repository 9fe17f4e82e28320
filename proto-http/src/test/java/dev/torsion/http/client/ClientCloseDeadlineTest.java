package dev.torsion.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Headers;
import dev.torsion.internet.Consumer;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client connection's lifecycle and its close deadline: a server that stops reading cannot hold it. */
class ClientCloseDeadlineTest {
    /** A body whose rest never goes out: the server stopped reading it. */
    private static final class StuckBody implements BodyProducer {
        @Override
        public long length() {
            return 1 << 20;
        }

        @Override
        public boolean isReplayable() {
            return false;
        }

        @Override
        public Deferred<Void> startProducing(Consumer consumer) {
            consumer.write("first piece".getBytes(StandardCharsets.ISO_8859_1));
            return new Deferred<>();
        }

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }

    private final TestClock clock = new TestClock();
    private final StringTransport transport = new StringTransport();
    private final HttpClientConnection connection = new HttpClientConnection(
            AgentConfig.DEFAULT.withCloseTimeout(Duration.ofSeconds(3)), clock, new HttpClientConnection.Owner() {
                @Override
                public void connected(HttpClientConnection c) {
                }

                @Override
                public void idle(HttpClientConnection c) {
                }

                @Override
                public void closed(HttpClientConnection c) {
                }
            });

    @Test
    void anEarlyAnswerWhileTheBodyIsStuckClosesAndAbortsAfterTheDeadline() {
        connection.makeConnection(transport);
        URI uri = URI.create("http://a/upload");
        connection.send(new OutgoingRequest("PUT", uri, "/upload", new Headers(), new StuckBody()), new Deferred<>());
        assertEquals(HttpClientConnection.State.SENDING, connection.state());
        assertTrue(transport.valueAsString().startsWith("PUT /upload HTTP/1.1\r\nHost: a\r\n"), transport.valueAsString());
        connection.dataReceived("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(HttpClientConnection.State.CLOSING, connection.state());
        assertTrue(transport.isDisconnecting());
        clock.advance(Duration.ofMillis(2999));
        assertFalse(transport.isAborted());
        clock.advance(Duration.ofMillis(1));
        assertTrue(transport.isAborted(), "a server that never reads the rest cannot hold the connection");
    }

    @Test
    void aResponseAfterTheWholeRequestLeavesTheConnectionIdle() {
        connection.makeConnection(transport);
        connection.send(new OutgoingRequest("GET", URI.create("http://a/"), "/", new Headers(), null), new Deferred<>());
        assertEquals(HttpClientConnection.State.AWAITING, connection.state());
        connection.dataReceived("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(HttpClientConnection.State.IDLE, connection.state());
        assertFalse(transport.isDisconnecting());
    }
}
