package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.ftp.client.FtpClient;
import dev.torsion.ftp.client.FtpReplyException;
import dev.torsion.ftp.support.LiveFtpServer;
import dev.torsion.ftp.support.NonResumingContext;
import dev.torsion.ftp.support.TestTls;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data connections that must resume the control connection's TLS session (vsftpd's
 * {@code require_ssl_reuse}, asked for here; off by default), over real sockets: our client, which resumes,
 * transfers (and the control connection speaks TLS 1.2); a client that never resumes gets 522 for
 * each transfer and keeps its session; without the requirement the client that never resumes
 * transfers. {@link ControlTlsSessionTest} checks the identity rule itself.
 */
class TlsSessionReuseTest {
    private static final byte[] HELLO = "Hello\nWorld\n".getBytes(StandardCharsets.US_ASCII);
    private static final String REFUSED = "Data connection must resume the control connection's TLS session.";
    @TempDir
    static Path root;
    @TempDir
    static Path work;
    static LiveFtpServer requiring;
    static LiveFtpServer lenient;

    @BeforeAll
    static void start() throws Exception {
        Files.write(root.resolve("hello.txt"), HELLO);
        requiring = new LiveFtpServer(root, c -> c.withTls(TestTls.serverOptions(), true).withTlsSessionReuseRequired(true));
        lenient = new LiveFtpServer(root, c -> c.withTls(TestTls.serverOptions(), true)); // the default: not required
    }

    @AfterAll
    static void stop() throws Exception {
        requiring.close();
        lenient.close();
    }

    private static FtpClient loggedIn(LiveFtpServer server, TlsOptions tls) throws Exception {
        FtpClient client = new FtpClient(server.live.reactor);
        server.live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(server.live.reactor,
                "tcp:127.0.0.1:" + server.port), client).addCallbackDeferred(c -> client.greeting()));
        server.live.await(() -> client.authTls(tls));
        server.live.await(() -> client.login("alice", "secret"));
        return client;
    }

    private static TlsOptions resuming() {
        return TlsOptions.client(TestTls.clientContext(), "127.0.0.1");
    }

    private static TlsOptions neverResuming() {
        return TlsOptions.client(NonResumingContext.of(TestTls.clientContext()), "127.0.0.1").withoutHostnameVerification();
    }

    @Test
    void aClientThatResumesTransfers() throws Exception {
        FtpClient client = loggedIn(requiring, resuming());
        Path copy = work.resolve("resumed.txt");
        assertEquals((long) HELLO.length, requiring.live.await(() -> client.retrieve("hello.txt", copy)));
        assertArrayEquals(HELLO, Files.readAllBytes(copy));
        assertEquals((long) HELLO.length, requiring.live.await(() -> client.retrieve("hello.txt", copy)), "and again");
        requiring.live.await(client::quit);
    }

    @Test
    void aClientThatNeverResumesGets522AndKeepsItsSession() throws Exception {
        FtpClient client = loggedIn(requiring, neverResuming());
        for (int i = 0; i < 2; i++) {
            FtpReplyException refused = assertThrows(FtpReplyException.class,
                    () -> requiring.live.await(() -> client.retrieve("hello.txt", work.resolve("refused.txt"))));
            assertEquals(522, refused.code());
            assertEquals(REFUSED, refused.reply().text());
        }
        assertEquals("/", requiring.live.await(client::pwd), "the control connection goes on");
        requiring.live.await(client::quit);
    }

    @Test
    void withoutTheRequirementAClientThatNeverResumesTransfers() throws Exception {
        FtpClient client = loggedIn(lenient, neverResuming());
        Path copy = work.resolve("lenient.txt");
        assertEquals((long) HELLO.length, lenient.live.await(() -> client.retrieve("hello.txt", copy)));
        assertArrayEquals(HELLO, Files.readAllBytes(copy));
        lenient.live.await(client::quit);
    }
}
