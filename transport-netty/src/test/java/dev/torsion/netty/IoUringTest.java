package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.tls.SelfSignedCertificate;
import io.netty.channel.uring.IoUring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The io_uring loop, where the kernel offers it (5.14+, and not blocked by a seccomp profile):
 * TCP and TLS echo through a reactor of that kind.
 */
class IoUringTest {
    @Test
    void echoesInTheClearAndOverTls() throws Exception {
        assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        try (RunningReactor r = new RunningReactor("io_uring")) {
            assertEquals("io_uring", r.reactor.kind());
            ListeningPort clear = r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1");
            ListeningPort tls = r.reactor.listenSSL(0, a -> new Echo(), cert.serverOptions(), 50, "127.0.0.1");
            RecordingProtocol first = pinger();
            r.reactor.connectTCP("127.0.0.1", ((IPv4Address) clear.getHost()).port(), new TestClientFactory(() -> first));
            RecordingProtocol second = pinger();
            r.reactor.connectSSL("127.0.0.1", ((IPv4Address) tls.getHost()).port(), new TestClientFactory(() -> second),
                    cert.clientOptions("localhost"), Duration.ofSeconds(5), null);
            assertEquals("uring", new String(first.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals("uring", new String(second.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        }
    }

    private static RecordingProtocol pinger() {
        return new RecordingProtocol(5) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write("uring".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }
}
