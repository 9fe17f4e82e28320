package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.ftp.client.FtpClient;
import dev.torsion.ftp.client.FtpReplyException;
import dev.torsion.ftp.server.FtpRealm;
import dev.torsion.ftp.server.FtpServerConfig;
import dev.torsion.ftp.server.FtpServerFactory;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.web.WebServer;
import dev.torsion.http.web.WebServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.endpoints.Endpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three modules on one epoll reactor over real sockets: users of a crypt password file (cred) log in
 * to Torsion's FTP server with Torsion's FTP client and upload a file, which Torsion's web server
 * then serves from the same directory.
 */
class FtpThenHttpTest {
    @TempDir
    Path temp;

    @Test
    void anUploadedFileIsServedOverHttp() throws Exception {
        Path root = Files.createDirectory(temp.resolve("site"));
        Path passwords = temp.resolve("passwd");
        Files.writeString(passwords, "dave:" + CryptPasswords.hash("s3cret pass".getBytes(StandardCharsets.UTF_8)) + "\n");
        byte[] page = new byte[1_000_003];
        new Random(959).nextBytes(page);
        Path local = temp.resolve("page.bin");
        Files.write(local, page);
        try (ReactorThread reactor = ReactorThread.start("epoll")) {
            int ftpPort = reactor.call(() -> {
                Portal portal = new Portal(FtpRealm.sharedRoot(root, false, reactor.reactor()), reactor.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords), reactor.reactor()));
                portal.setFailureDelay(Duration.ofMillis(100));
                return ReactorThread.portOf(reactor.reactor().listenTCP(0,
                        new FtpServerFactory(FtpServerConfig.of(portal, reactor.reactor())), 50, "127.0.0.1"));
            });
            WebServer web = reactor.await(() -> WebServer.start(reactor.reactor(),
                    WebServerConfig.builder().listen("tcp:0:interface=127.0.0.1").root(root).build()));
            int httpPort = ((IPv4Address) web.ports().get(0).getHost()).port();

            FtpClient wrong = reactor.call(() -> new FtpClient(reactor.reactor()));
            reactor.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(reactor.reactor(), "tcp:127.0.0.1:" + ftpPort), wrong)
                    .addCallbackDeferred(c -> wrong.greeting()));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> reactor.await(() -> wrong.login("dave", "guess")));
            assertTrue(refused.getCause() instanceof FtpReplyException e && e.code() == 530, refused.toString());

            FtpClient client = reactor.call(() -> new FtpClient(reactor.reactor()));
            reactor.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(reactor.reactor(), "tcp:127.0.0.1:" + ftpPort), client)
                    .addCallbackDeferred(c -> client.greeting()));
            reactor.await(() -> client.login("dave", "s3cret pass"));
            reactor.await(() -> client.mkd("files"));
            assertEquals((long) page.length, reactor.await(() -> client.store("files/page.bin", local)));
            reactor.await(client::quit);

            Agent agent = reactor.call(() -> new Agent(reactor.reactor(), AgentConfig.DEFAULT));
            byte[] body = reactor.await(() -> agent.request("GET", "http://127.0.0.1:" + httpPort + "/files/page.bin", null, null)
                    .addCallbackDeferred(Agent::readBody));
            assertArrayEquals(page, body);
            reactor.await(web::stop);
        }
    }
}
