package dev.torsion.socks.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code socks5:} and {@code socks4a:} endpoints through other people's proxies on loopback:
 * microsocks (SOCKS5, with and without RFC 1929 login) and Dante's danted (SOCKS5, and SOCKS4 for address literals: it refuses SOCKS4a names),
 * each started once with a private configuration and stopped by its process.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SocksClientPeersInteropTest {
    private static final String MICROSOCKS = "/usr/bin/microsocks";
    private static final String DANTED = "/usr/sbin/danted";

    @TempDir
    static Path dir;

    private static LiveReactor live;
    private static ListeningPort echoPort;
    private static int echo;
    private static int micro;
    private static int microGuarded;
    private static int dante;
    private static final List<Process> peers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(Path.of(MICROSOCKS)), MICROSOCKS + " is missing (install microsocks)");
        assertTrue(Files.isExecutable(Path.of(DANTED)), DANTED + " is missing (install dante-server)");
        live = new LiveReactor();
        echoPort = live.call(() -> live.reactor.listenTCP(0, address -> new SocksClientEndpointTest.UpperEcho(), 50, "127.0.0.1"));
        echo = ((IPAddress) echoPort.getHost()).port();
        micro = freePort();
        peer(List.of(MICROSOCKS, "-i", "127.0.0.1", "-p", Integer.toString(micro)), "microsocks");
        microGuarded = freePort();
        peer(List.of(MICROSOCKS, "-i", "127.0.0.1", "-p", Integer.toString(microGuarded), "-u", "alice", "-P", "s3cret"), "microsocks-auth");
        dante = freePort();
        Path conf = dir.resolve("danted.conf");
        Files.writeString(conf, """
                logoutput: stderr
                internal: 127.0.0.1 port = %d
                external: 127.0.0.1
                socksmethod: none
                clientmethod: none
                user.unprivileged: nobody
                client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                """.formatted(dante));
        peer(List.of(DANTED, "-f", conf.toString(), "-p", dir.resolve("danted.pid").toString()), "danted");
        for (int port : new int[] {micro, microGuarded, dante}) {
            waitForPort(port);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process peer : peers) {
            peer.descendants().forEach(ProcessHandle::destroy);
            peer.destroy();
            peer.waitFor(15, TimeUnit.SECONDS);
        }
        if (live != null) {
            live.await(echoPort::stopListening);
            live.close();
        }
    }

    @Test
    void throughMicrosocks() throws Exception {
        assertEquals("MICRO", SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + micro + ":tcp:localhost:" + echo, "micro"));
    }

    @Test
    void throughMicrosocksWithLogin() throws Exception {
        assertEquals("LOGGED IN", SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + microGuarded + ":tcp:localhost:" + echo
                + ":user=alice:password=s3cret", "logged in"));
        assertThrows(SocksConnectError.class, () -> SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + microGuarded
                + ":tcp:localhost:" + echo + ":user=alice:password=wrong", "x"));
    }

    @Test
    void throughDanteBySocks5AndSocks4() throws Exception {
        assertEquals("DANTE FIVE", SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + dante + ":tcp:localhost:" + echo, "dante five"));
        // An address literal goes as plain SOCKS4; Dante 1.4 refuses SOCKS4a names (curl --socks4a too) with 91.
        assertEquals("DANTE FOUR", SocksClientEndpointTest.through(live, "socks4a:127.0.0.1:" + dante + ":tcp:127.0.0.1:" + echo, "dante four"));
        SocksConnectError noNames = assertThrows(SocksConnectError.class,
                () -> SocksClientEndpointTest.through(live, "socks4a:127.0.0.1:" + dante + ":tcp:localhost:" + echo, "x"));
        assertEquals(91, noNames.reply());
        SocksConnectError refused = assertThrows(SocksConnectError.class,
                () -> SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + dante + ":tcp:127.0.0.1:" + freePort(), "x"));
        assertEquals(5, refused.reply());
    }

    private static void peer(List<String> command, String name) throws IOException {
        peers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start());
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("a SOCKS peer did not start on " + port, notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the peer starts
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
