package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetTransport;
import dev.torsion.telnet.client.TelnetClientOptions;
import dev.torsion.telnet.client.TelnetClientProtocol;
import dev.torsion.telnet.manhole.ManholeNamespace;
import dev.torsion.telnet.manhole.ManholeRealm;
import dev.torsion.telnet.manhole.ManholeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-telnet with TLS and cred over real sockets on epoll: the manhole listening with Netty's
 * TLS, logins checked against a crypt password file, and our Telnet client connecting over TLS,
 * refused once, then logging in and evaluating snippets against the server's objects.
 */
class TelnetManholeOverTlsTest {
    @TempDir
    Path dir;

    @Test
    void manholeBehindTlsAndAPasswordFile() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "carol:" + CryptPasswords.hash("open sesame".getBytes(StandardCharsets.UTF_8)) + "\n");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        List<String> probe = new CopyOnWriteArrayList<>();
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            Reactor reactor = thread.reactor();
            int port = thread.call(() -> {
                Portal portal = new Portal(new ManholeRealm(), reactor,
                        new ThreadedChecker(new FilePasswordDatabase(passwords), reactor));
                portal.setFailureDelay(Duration.ofMillis(200));
                ManholeNamespace namespace = ManholeNamespace.empty().bind("probe", List.class, probe);
                return ReactorThread.portOf(reactor.listenSSL(0,
                        ManholeServer.telnetFactory(reactor, portal, namespace, TelnetLimits.DEFAULT, false),
                        cert.serverOptions(), 50, "127.0.0.1"));
            });
            TelnetClientProtocol client = new TelnetClientProtocol(TelnetClientOptions.DEFAULT);
            thread.run(() -> reactor.connectSSL("127.0.0.1", port,
                    Factories.clientOf(new TelnetTransport(client, TelnetLimits.DEFAULT, reactor)),
                    cert.clientOptions("localhost"), ReactorThread.PATIENCE, null));

            thread.await(() -> client.expect("login: "));
            thread.run(() -> client.sendLine("carol"));
            thread.await(() -> client.expect("Password: "));
            thread.run(() -> client.sendLine("guess"));
            thread.await(() -> client.expect("Login incorrect"));
            thread.await(() -> client.expect("login: "));
            thread.run(() -> client.sendLine("carol"));
            thread.await(() -> client.expect("Password: "));
            thread.run(() -> client.sendLine("open sesame"));
            thread.await(() -> client.expect("jshell> "));
            thread.run(() -> client.sendLine("probe.add(\"over TLS\"); 6 * 7"));
            String answer = thread.await(() -> client.expect("jshell> "));
            assertTrue(answer.contains("==> 42"), answer);
            assertEquals(List.of("over TLS"), probe);
            assertTrue(!client.output().contains("open sesame"), "the password was echoed");
            thread.run(() -> client.send(new byte[] {4}));
            thread.await(client::whenClosed);
        }
    }
}
