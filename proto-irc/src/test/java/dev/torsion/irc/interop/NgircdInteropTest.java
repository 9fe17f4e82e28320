package dev.torsion.irc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Protocol;
import dev.torsion.irc.client.IrcClientConfig;
import dev.torsion.irc.client.IrcClientException;
import dev.torsion.irc.client.RecordingClient;
import dev.torsion.irc.client.WhoisReply;
import dev.torsion.irc.support.LiveReactor;
import dev.torsion.irc.support.Programs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our client against ngIRCd ({@code ngircd -n -f CONF}, private config, loopback): registration
 * with CAP, nick collision, channels, messages, CTCP, Deferred WHOIS and NAMES.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class NgircdInteropTest {
    private static final String NGIRCD = "/usr/sbin/ngircd";
    private static Process ngircd;
    private static int port;
    private static LiveReactor live;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(NGIRCD);
        dir = Files.createTempDirectory("ngircd");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, String.join("\n", "[Global]", "Name = irc.ngircd.test", "Info = ngircd for torsion",
                "AdminInfo1 = torsion", "AdminInfo2 = tests", "AdminEMail = root@localhost", "Listen = 127.0.0.1",
                "Ports = " + port, "MotdPhrase = \"Hello from ngircd\"", "[Limits]", "PingTimeout = 120", "PongTimeout = 20",
                "[Options]", "DNS = no", "Ident = no", "PAM = no", ""));
        ngircd = new ProcessBuilder(NGIRCD, "-n", "-f", conf.toString()).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(ngircd.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Now listening on")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "ngircd output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(ready.await(20, TimeUnit.SECONDS), "ngircd did not start:\n" + log);
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (ngircd != null) {
            ngircd.destroy();
            assertTrue(ngircd.waitFor(10, TimeUnit.SECONDS), "ngircd did not stop");
        }
    }

    private static RecordingClient connect(IrcClientConfig config) throws Exception {
        RecordingClient client = new RecordingClient(config);
        live.call(() -> live.reactor.connectTCP("127.0.0.1", port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return client;
            }
        }));
        return client;
    }

    @Test
    void registersTalksAndQueries() throws Exception {
        RecordingClient alice = connect(IrcClientConfig.of("tally"));
        RecordingClient bob = connect(IrcClientConfig.of("tbob"));
        assertEquals("tally", live.await(alice::registered));
        assertEquals("tbob", live.await(bob::registered));
        assertTrue(alice.capabilities().contains("multi-prefix"), alice.capabilities().toString());

        live.call(() -> {
            alice.join("#torsion");
            return null;
        });
        alice.await("joined #torsion", 10_000);
        live.call(() -> {
            bob.join("#torsion");
            return null;
        });
        alice.await("userJoined tbob #torsion", 10_000);
        assertEquals(Set.of("@tally", "tbob"), Set.copyOf(live.await(() -> bob.names("#torsion"))));
        live.call(() -> {
            alice.topic("#torsion", "ngircd topic");
            alice.mode("#torsion", "+v", "tbob");
            alice.msg("#torsion", "hello from torsion");
            alice.describe("#torsion", "waves");
            alice.ctcpQuery("tbob", "VERSION", null);
            return null;
        });
        bob.await("topic tally #torsion ngircd topic", 10_000);
        bob.await("mode tally #torsion +v [tbob]", 10_000);
        assertTrue(bob.await("privmsg tally!", 10_000).endsWith(" #torsion hello from torsion"));
        assertTrue(bob.await("action tally!", 10_000).endsWith(" #torsion waves"));
        assertEquals("ctcpReply tbob VERSION Torsion IRC client 0.1", alice.await("ctcpReply", 10_000));

        WhoisReply whois = live.await(() -> alice.whois("TBOB"));
        assertEquals("tbob", whois.nick());
        assertEquals("irc.ngircd.test", whois.server());
        assertEquals(List.of("+#torsion"), whois.channels());
        IrcClientException none = assertThrows(IrcClientException.class, () -> live.await(() -> alice.whois("nobody-here")));
        assertEquals("401", none.numeric());
    }

    @Test
    void nickCollisionIsResolved() throws Exception {
        RecordingClient first = connect(IrcClientConfig.of("tdup"));
        assertEquals("tdup", live.await(first::registered));
        RecordingClient second = connect(IrcClientConfig.of("tdup"));
        assertEquals("tdup_", live.await(second::registered));
        assertTrue(second.events().contains("nick tdup_"), second.events().toString());
    }
}
