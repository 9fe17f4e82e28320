package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.tls.SelfSignedCertificate;
import io.netty.channel.ChannelOption;
import io.netty.util.NetUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every server endpoint listens with the kernel's largest backlog unless told otherwise. */
class ListenBacklogTest {
    private static final ProtocolFactory FACTORY = address -> new Protocol() {
    };

    @TempDir
    Path tmp;

    private static int backlog(ListeningPort port) {
        return ((NettyListeningPort) port).channel().config().getOption(ChannelOption.SO_BACKLOG);
    }

    private static ListeningPort listen(RunningReactor r, String description) throws Exception {
        return Endpoints.serverFromString(r.reactor, description).listen(FACTORY).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tcpUnixAndTlsDefaultToSomaxconn(String kind) throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        Path pem = cert.writeTo(Files.createDirectories(tmp.resolve("cert")));
        try (RunningReactor r = new RunningReactor(kind)) {
            assertEquals(NetUtil.SOMAXCONN, backlog(r.reactor.listenTCP(0, FACTORY)));
            assertEquals(NetUtil.SOMAXCONN, backlog(listen(r, "tcp:0:interface=127.0.0.1")));
            assertEquals(NetUtil.SOMAXCONN, backlog(listen(r, "unix:" + tmp.resolve("a.sock"))));
            assertEquals(NetUtil.SOMAXCONN, backlog(listen(r, "tls:0:interface=127.0.0.1:privateKey=" + pem.resolve("key.pem")
                    + ":certKey=" + pem.resolve("cert.pem"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void theBacklogOptionStillSetsIt(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            assertEquals(77, backlog(listen(r, "tcp:0:interface=127.0.0.1:backlog=77")));
        }
    }
}
