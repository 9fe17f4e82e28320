package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.nntp.client.NntpClient;
import dev.torsion.nntp.client.NntpClientException;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NewsRealm;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.server.NntpServerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-nntp with TLS and cred over real sockets on epoll: our client upgrades with STARTTLS
 * (RFC 4642), logs in with AUTHINFO against a crypt password file checked on the reactor's thread
 * pool, posts, and streams the article back from the file spool; logins before TLS are refused.
 */
class NntpStartTlsLoginTest {
    @TempDir
    Path dir;

    @Test
    void startTlsLoginPostAndRead() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "dora:" + CryptPasswords.hash("news pass".getBytes(StandardCharsets.UTF_8)) + "\n");
        SelfSignedCertificate certificate = SelfSignedCertificate.generate("localhost");
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            int port = thread.call(() -> {
                FileSpool spool = FileSpool.open(dir.resolve("spool"), thread.reactor());
                spool.createGroup("comp.lang.java", "Java");
                Portal portal = new Portal(new NewsRealm(), thread.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords), thread.reactor()));
                portal.setFailureDelay(Duration.ofMillis(100));
                NntpServerConfig config = NntpServerConfig.of("news.example.org", spool).withPortal(portal, true)
                        .withStartTls(certificate.serverOptions());
                return ReactorThread.portOf(thread.reactor().listenTCP(0, new NntpServerFactory(config, thread.reactor()), 50,
                        "127.0.0.1"));
            });
            NntpClient client = new NntpClient();
            thread.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(thread.reactor(), "tcp:127.0.0.1:" + port), client)
                    .addCallbackDeferred(connected -> client.greeting()));
            assertEquals(483, refusal(thread, () -> client.login("dora", "news pass")).code(), "no password in the clear");
            assertEquals(480, refusal(thread, () -> client.group("comp.lang.java")).code(), "nothing before a login");
            assertEquals(382, thread.await(() -> client.startTls(certificate.clientOptions("localhost"))).code());
            assertTrue(thread.await(client::capabilities).contains("AUTHINFO USER"));
            assertEquals(481, refusal(thread, () -> client.login("dora", "wrong")).code());
            assertEquals(281, thread.await(() -> client.login("dora", "news pass")).code());
            byte[] article = "From: dora@example.org\nNewsgroups: comp.lang.java\nSubject: over TLS\nMessage-ID: <tls@x>\n\n.hi\n"
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(240, thread.await(() -> client.post(article)).code());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            assertEquals(222, thread.await(() -> client.stream("BODY <tls@x>", body::writeBytes)).code());
            assertEquals(".hi\r\n", body.toString(StandardCharsets.UTF_8));
            assertFalse(thread.await(client::capabilities).contains("AUTHINFO USER"), "no second login");
            assertEquals(205, thread.await(client::quit).code());
        }
    }

    /** The refusal a command earns (its Deferred fails with the server's 4xx). */
    private static NntpClientException refusal(ReactorThread thread, Callable<Deferred<?>> command) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> thread.await(command::call));
        return (NntpClientException) failed.getCause();
    }
}
