package dev.torsion.integration;

import static dev.torsion.integration.ReactorThread.PATIENCE;
import static dev.torsion.integration.ReactorThread.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.irc.client.IrcClient;
import dev.torsion.irc.client.IrcClientConfig;
import dev.torsion.irc.client.IrcClientException;
import dev.torsion.irc.server.IrcAccount;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-irc with TLS and cred over real sockets on epoll: a server behind Netty's TLS whose SASL
 * logins a crypt password file checks (on the reactor's thread pool), two of our clients over
 * TLS, one logged in, talking in a channel; WHOIS shows the account; a wrong password fails
 * registration with 904.
 */
class IrcOverTlsWithPasswordFileTest {
    @TempDir
    Path dir;

    @Test
    void saslOverTlsAgainstAPasswordFile() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "carol:" + CryptPasswords.hash("open sesame".getBytes(StandardCharsets.UTF_8)) + "\n");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        try (ReactorThread r = ReactorThread.start("epoll")) {
            int port = r.call(() -> {
                Portal portal = new Portal(IrcAccount.realm(), r.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords), r.reactor()));
                portal.setFailureDelay(Duration.ofMillis(100));
                IrcServerConfig config = IrcServerConfig.of("irc.example.org").withPortal(portal);
                return portOf(r.reactor().listenSSL(0, new IrcServerFactory(config, r.reactor()), cert.serverOptions(), 50,
                        "127.0.0.1"));
            });
            CompletableFuture<String> heard = new CompletableFuture<>();
            IrcClient carol = new IrcClient(IrcClientConfig.of("carol").withSasl("carol", "open sesame")) {
                @Override
                protected void signedOn() {
                    join("#secure");
                }

                @Override
                protected void userJoined(String user, String channel) {
                    msg(channel, "hello over TLS");
                }
            };
            IrcClient dave = new IrcClient(IrcClientConfig.of("dave")) {
                @Override
                protected void privmsg(String user, String target, String message) {
                    heard.complete(user + " " + target + " " + message);
                }
            };
            r.call(() -> r.reactor().connectSSL("127.0.0.1", port, Factories.clientOf(carol), cert.clientOptions("localhost"),
                    PATIENCE, null));
            assertEquals("carol", r.await(carol::registered));
            r.call(() -> r.reactor().connectSSL("127.0.0.1", port, Factories.clientOf(dave), cert.clientOptions("localhost"),
                    PATIENCE, null));
            assertEquals("dave", r.await(dave::registered));
            r.call(() -> {
                dave.join("#secure");
                return null;
            });
            assertEquals("carol!~carol@127.0.0.1 #secure hello over TLS", heard.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertEquals("carol", r.await(() -> dave.whois("carol")).account());

            IrcClient mallory = new IrcClient(IrcClientConfig.of("mallory").withSasl("carol", "guess"));
            r.call(() -> r.reactor().connectSSL("127.0.0.1", port, Factories.clientOf(mallory), cert.clientOptions("localhost"),
                    PATIENCE, null));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> r.await(mallory::registered));
            assertInstanceOf(IrcClientException.class, refused.getCause());
            assertEquals("904", ((IrcClientException) refused.getCause()).numeric());
        }
    }
}
