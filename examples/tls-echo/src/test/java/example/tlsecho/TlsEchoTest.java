package example.tlsecho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsEchoTest {
    @TempDir
    Path certDir;

    private NettyReactor reactor;
    private Thread loop;

    @BeforeEach
    void startReactor() throws InterruptedException {
        reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        loop = new Thread(reactor::run, "reactor");
        loop.start();
        assertTrue(running.await(30, TimeUnit.SECONDS));
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        reactor.stop();
        loop.join(30_000);
    }

    private static Stream<Throwable> causes(Throwable error) {
        return Stream.iterate(error, e -> e != null, Throwable::getCause);
    }

    private int listen() throws Exception {
        ListeningPort port = reactor.<ListeningPort>blockingCallFromThreadDeferred(
                () -> TlsEchoServer.listen(reactor, 0, certDir));
        return ((IPv4Address) port.getHost()).port();
    }

    /** Runs the client on the reactor thread and waits for its echo (or its failure). */
    private byte[] echo(int port, Path caCert, byte[] message) throws Exception {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        reactor.callFromThread(() -> TlsEchoClient.echo(reactor, port, caCert, message).addCallbacks(bytes -> {
            result.complete(bytes);
            return null;
        }, failure -> {
            result.completeExceptionally(failure.value());
            return null;
        }));
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theClientGetsBackWhatItSentOverTls() throws Exception {
        int port = listen();
        byte[] message = "hello over TLS\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(message, echo(port, certDir.resolve("cert.pem"), message));

        byte[] large = new byte[1 << 20];
        new Random(42).nextBytes(large);
        assertArrayEquals(large, echo(port, certDir.resolve("cert.pem"), large));
    }

    @Test
    void aClientTrustingAnotherCertificateIsRefused(@TempDir Path otherDir) throws Exception {
        int port = listen();
        Path other = SelfSignedCertificate.generate("localhost").writeTo(otherDir).resolve("cert.pem");
        assertTrue(Files.exists(other));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> echo(port, other, "secret".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(ConnectionLost.class, refused.getCause());
        assertTrue(causes(refused.getCause()).anyMatch(SSLException.class::isInstance),
                () -> "not a TLS failure: " + refused.getCause());
    }
}
