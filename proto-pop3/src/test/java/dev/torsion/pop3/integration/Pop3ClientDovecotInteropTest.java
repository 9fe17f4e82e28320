package dev.torsion.pop3.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.pop3.client.Pop3Client;
import dev.torsion.pop3.client.Pop3Stat;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Our POP3 client reading a Maildir that Dovecot's pop3d serves on loopback. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class Pop3ClientDovecotInteropTest {
    private static final String DOVECOT = "/usr/sbin/dovecot";
    private static final byte[] FIRST = "Subject: first\r\n\r\n.a dot-led line\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "Subject: second\r\n\r\nline 1\r\nline 2\r\nline 3\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path temp;
    static LiveReactor live;
    static Process dovecot;
    static int port;
    static Path maildir;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(DOVECOT);
        // Dovecot's auth and mail processes run as other users: they must reach the files.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = temp.resolve("home").resolve("alice");
        maildir = home.resolve("Maildir");
        for (String sub : new String[] {"new", "cur", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.write(maildir.resolve("new").resolve("1733400000.M1P1Q1.test"), FIRST);
        Files.write(maildir.resolve("new").resolve("1733400001.M1P1Q2.test"), SECOND);
        String owner = "uid=" + Files.getAttribute(temp, "unix:uid") + " gid=" + Files.getAttribute(temp, "unix:gid");
        if ("root".equals(System.getProperty("user.name"))) {
            // Dovecot refuses to access mail as root: hand the Maildir to nobody.
            owner = "uid=nobody gid=nogroup";
            UserPrincipalLookupService lookup = temp.getFileSystem().getUserPrincipalLookupService();
            GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
            try (Stream<Path> paths = Files.walk(temp.resolve("home"))) {
                for (Path path : paths.toList()) {
                    Files.setOwner(path, lookup.lookupPrincipalByName("nobody"));
                    Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(nogroup);
                }
            }
        }
        Files.writeString(temp.resolve("passwd"), "alice:{PLAIN}secret::::::\n");
        Files.setPosixFilePermissions(temp.resolve("passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        port = FreePorts.tcp();
        Files.createDirectories(temp.resolve("run"));
        Files.writeString(temp.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/run
                protocols = pop3
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                log_path = %1$s/dovecot.log
                pop3_uidl_format = %%08Xu%%08Xv
                mail_location = maildir:%1$s/home/%%u/Maildir
                passdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                userdb {
                  driver = static
                  args = %2$s home=%1$s/home/%%u
                }
                service pop3-login {
                  inet_listener pop3 {
                    address = 127.0.0.1
                    port = %3$d
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(temp, owner, port));
        dovecot = new ProcessBuilder(DOVECOT, "-F", "-c", temp.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("dovecot.out").toFile()).start();
        waitForPort(port);
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
        dovecot.destroy();
        assertTrue(dovecot.waitFor(20, TimeUnit.SECONDS));
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

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline || !dovecot.isAlive()) {
                    throw new IOException("dovecot did not start: " + Files.readString(temp.resolve("dovecot.out")), notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while dovecot starts
            }
        }
    }
}
