package dev.torsion.socks.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.support.Programs;
import dev.torsion.socks.support.Programs.Result;
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
 * Our {@code socks5:} and {@code socks4a:} endpoints through OpenSSH's dynamic forwarding
 * ({@code ssh -D}, which speaks SOCKS4, SOCKS4a and SOCKS5 without authentication): an sshd on
 * loopback with a host key and an authorized key made for the test in a temporary directory, and an
 * {@code ssh -N -D} logged in to it; both started once and stopped by their processes.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SocksClientThroughOpenSshInteropTest {
    private static final String SSHD = "/usr/sbin/sshd";
    private static final String SSH = "/usr/bin/ssh";
    private static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";

    @TempDir
    static Path dir;

    private static LiveReactor live;
    private static ListeningPort echoPort;
    private static int echo;
    private static int dynamic;
    private static final List<Process> peers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Programs.require(SSHD);
        Programs.require(SSH);
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("user_key"));
        Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        int sshdPort = freePort();
        peer(List.of(SSHD, "-D", "-e", "-f", "/dev/null", "-p", Integer.toString(sshdPort), "-o", "ListenAddress=127.0.0.1",
                "-h", dir.resolve("host_key").toString(), "-o", "AuthorizedKeysFile=" + dir.resolve("authorized_keys"),
                "-o", "StrictModes=no", "-o", "PidFile=none", "-o", "UsePAM=no",
                "-o", "PermitRootLogin=prohibit-password", "-o", "AllowTcpForwarding=yes"), "sshd");
        waitForPort(sshdPort);
        dynamic = freePort();
        peer(List.of(SSH, "-F", "/dev/null", "-N", "-D", "127.0.0.1:" + dynamic, "-p", Integer.toString(sshdPort),
                "-i", dir.resolve("user_key").toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ExitOnForwardFailure=yes",
                System.getProperty("user.name") + "@127.0.0.1"), "ssh");
        waitForPort(dynamic);
        live = new LiveReactor();
        echoPort = live.call(() -> live.reactor.listenTCP(0, address -> new SocksClientEndpointTest.UpperEcho(), 50, "127.0.0.1"));
        echo = ((IPAddress) echoPort.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process peer : peers) {
            peer.destroy();
            peer.waitFor(15, TimeUnit.SECONDS);
        }
        if (live != null) {
            live.await(echoPort::stopListening);
            live.close();
        }
    }

    @Test
    void socks5ByNameThroughSshDynamicForwarding() throws Exception {
        assertEquals("THROUGH SSH", SocksClientEndpointTest.through(live,
                "socks5:127.0.0.1:" + dynamic + ":tcp:localhost:" + echo, "through ssh"));
    }

    @Test
    void socks5ToAnAddress() throws Exception {
        assertEquals("FIVE", SocksClientEndpointTest.through(live, "socks5:127.0.0.1:" + dynamic + ":tcp:127.0.0.1:" + echo, "five"));
    }

    @Test
    void socks4aByNameAndSocks4ToAnAddress() throws Exception {
        assertEquals("FOUR A", SocksClientEndpointTest.through(live, "socks4a:127.0.0.1:" + dynamic + ":tcp:localhost:" + echo,
                "four a"));
        assertEquals("FOUR", SocksClientEndpointTest.through(live, "socks4a:127.0.0.1:" + dynamic + ":tcp:127.0.0.1:" + echo,
                "four"));
    }

    private static void keygen(Path file) throws Exception {
        Result result = Programs.run(List.of(SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", "torsion socks test",
                "-f", file.toString()), "");
        assertEquals(0, result.exit(), result.output());
        assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".pub")));
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
                    String logs = Files.readString(dir.resolve("sshd.out")) + (Files.exists(dir.resolve("ssh.out"))
                            ? Files.readString(dir.resolve("ssh.out")) : "");
                    throw new IOException("port " + port + " did not open:\n" + logs, notYet);
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
