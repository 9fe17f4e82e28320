package dev.torsion.pop3.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.DovecotPeer;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.pop3.client.Pop3Client;
import dev.torsion.pop3.client.Pop3Stat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Our POP3 client reading a Maildir that Dovecot's pop3d serves on loopback. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class Pop3ClientDovecotInteropTest {
    private static final byte[] FIRST = "Subject: first\r\n\r\n.a dot-led line\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "Subject: second\r\n\r\nline 1\r\nline 2\r\nline 3\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path temp;
    static LiveReactor live;
    static DovecotPeer dovecot;
    static int port;
    static Path maildir;

    @BeforeAll
    static void start() throws Exception {
        Path home = temp.resolve("home").resolve("alice");
        maildir = home.resolve("Maildir");
        for (String sub : new String[] {"new", "cur", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.write(maildir.resolve("new").resolve("1733400000.M1P1Q1.test"), FIRST);
        Files.write(maildir.resolve("new").resolve("1733400001.M1P1Q2.test"), SECOND);
        dovecot = DovecotPeer.start(temp, temp.resolve("home"), "pop3", "alice", "secret");
        port = dovecot.port();
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
        dovecot.close();
    }

    @Test
    void readsAndDeletesThroughDovecot() throws Exception {
        Pop3Client client = new Pop3Client();
        live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port), client)
                .addCallbackDeferred(c -> client.greeting()));
        assertEquals("Logged in.", live.await(() -> client.login("alice", "secret")));
        assertEquals(new Pop3Stat(2, FIRST.length + SECOND.length), live.await(client::stat));
        assertEquals(List.of((long) FIRST.length, (long) SECOND.length), live.await(client::list));
        List<String> uidls = live.await(client::uidl);
        assertEquals(2, uidls.size());
        assertTrue(uidls.get(0).matches("0{7}1[0-9a-f]{8}"), uidls.toString());
        assertArrayEquals(FIRST, live.await(() -> client.retrieve(1)));
        assertArrayEquals("Subject: second\r\n\r\nline 1\r\n".getBytes(StandardCharsets.US_ASCII), live.await(() -> client.top(2, 1)));
        assertTrue(live.await(() -> client.capabilities()).contains("UIDL"));
        live.await(() -> client.delete(1));
        live.await(client::quit);
        try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("cur")), Files.list(maildir.resolve("new")))) {
            List<Path> left = files.toList();
            assertEquals(1, left.size(), left.toString());
            assertArrayEquals(SECOND, Files.readAllBytes(left.get(0)));
        }
    }
}
