package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.nntp.client.GroupStatus;
import dev.torsion.nntp.client.NntpClient;
import dev.torsion.nntp.server.FileSpool;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.server.NntpServerFactory;
import dev.torsion.socks.client.SocksConnectError;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.server.SocksUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-socks and proto-nntp over real sockets on epoll: the NNTP client connects through a
 * {@code socks5:} endpoint string (a login through cred, the name resolved by the proxy) to the
 * NNTP server, posts and reads back; a denied destination port fails the connection with the
 * proxy's X'02'.
 */
class NntpThroughSocksTest {
    @TempDir
    Path dir;

    @Test
    void newsThroughTheProxy() throws Exception {
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            int news = thread.call(() -> {
                FileSpool spool = FileSpool.open(dir, thread.reactor());
                spool.createGroup("alt.proxied", "");
                return ReactorThread.portOf(thread.reactor().listenTCP(0,
                        new NntpServerFactory(NntpServerConfig.of("news.example.org", spool), thread.reactor()), 50, "127.0.0.1"));
            });
            int socks = thread.call(() -> {
                Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(SocksUser.class,
                        new SocksUser() { }, () -> { })), thread.reactor(),
                        new InMemoryUsernamePasswordDatabaseDontUse().addUser("erin", "proxy pass"));
                portal.setFailureDelay(Duration.ZERO);
                SocksAccessRules rules = SocksAccessRules.builder().denyDestinations("127.0.0.0/8", 1, 1023).build();
                return ReactorThread.portOf(thread.reactor().listenTCP(0, SocksServerFactory.forReactor(thread.reactor(), rules, portal),
                        50, "127.0.0.1"));
            });
            String through = "socks5:127.0.0.1:" + socks + ":tcp:localhost:" + news + ":user=erin:password=proxy pass";
            NntpClient client = new NntpClient();
            thread.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(thread.reactor(), through), client)
                    .addCallbackDeferred(connected -> client.greeting()));
            byte[] article = "From: erin@example.org\nNewsgroups: alt.proxied\nSubject: via SOCKS\nMessage-ID: <socks@x>\n\nhello\n"
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(240, thread.await(() -> client.post(article)).code());
            assertEquals(new GroupStatus(1, 1, 1, "alt.proxied"), thread.await(() -> client.group("alt.proxied")));
            assertEquals("hello", thread.await(() -> client.body("1")).lines().get(0));
            assertEquals(205, thread.await(client::quit).code());

            String denied = "socks5:127.0.0.1:" + socks + ":tcp:localhost:119:user=erin:password=proxy pass";
            ExecutionException refused = assertThrows(ExecutionException.class, () -> thread.await(() ->
                    Endpoints.connectProtocol(Endpoints.clientFromString(thread.reactor(), denied), new NntpClient())));
            assertEquals(2, assertInstanceOf(SocksConnectError.class, refused.getCause()).reply());
        }
    }
}
