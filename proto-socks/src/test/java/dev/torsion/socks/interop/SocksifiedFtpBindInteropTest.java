package dev.torsion.socks.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.server.DestinationConnector;
import dev.torsion.socks.server.ReactorDestinationConnector;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.support.Programs;
import dev.torsion.socks.support.Programs.Result;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * BIND from real programs: an active-mode {@code ftp} (tnftp, {@code -A}) run under Dante's
 * {@code socksify} (Debian {@code dante-client}), so its data port is a BIND on our server, against
 * vsftpd on loopback. The ftp control connection is a CONNECT through us; the EPRT command names
 * the port our BIND opened (recorded by a connector that wraps the real one), and vsftpd's data
 * connection to it is checked against the address BIND named and relayed to ftp.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SocksifiedFtpBindInteropTest {
    private static final String SOCKSIFY = "/usr/bin/socksify";
    private static final String FTP = "/usr/bin/ftp";
    private static final String VSFTPD = "/usr/sbin/vsftpd";

    @TempDir
    static Path dir;

    private static LiveReactor live;
    private static ListeningPort socksPort;
    private static int socks;
    private static int ftpPort;
    private static Process vsftpd;
    private static final List<Integer> bindPorts = new CopyOnWriteArrayList<>();

    /** The real connector, recording the port of each BIND. */
    private record RecordingConnector(DestinationConnector real) implements DestinationConnector {
        @Override
        public Deferred<InetAddress> resolve(String host) {
            return real.resolve(host);
        }

        @Override
        public ClientEndpoint endpoint(InetAddress address, int port, Duration timeout) {
            return real.endpoint(address, port, timeout);
        }

        @Override
        public ListeningPort listenTCP(String interfaceAddress, ProtocolFactory factory) {
            ListeningPort port = real.listenTCP(interfaceAddress, factory);
            bindPorts.add(((IPAddress) port.getHost()).port());
            return port;
        }

        @Override
        public ListeningPort listenUDP(String interfaceAddress, DatagramProtocol protocol, int maxPacketSize) {
            return real.listenUDP(interfaceAddress, protocol, maxPacketSize);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Programs.require(SOCKSIFY);
        Programs.require(FTP);
        Programs.require(VSFTPD);
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello through BIND\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (Path path : List.of(dir, root, empty)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(root.resolve("hello.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        ftpPort = freePort();
        Path conf = dir.resolve("vsftpd.conf");
        Files.writeString(conf, """
                listen=YES
                listen_ipv6=NO
                listen_address=127.0.0.1
                listen_port=%d
                background=NO
                run_as_launching_user=YES
                isolate=NO
                isolate_network=NO
                anonymous_enable=YES
                no_anon_password=YES
                anon_root=%s
                local_enable=NO
                write_enable=NO
                pasv_enable=NO
                port_enable=YES
                connect_from_port_20=NO
                seccomp_sandbox=NO
                secure_chroot_dir=%s
                xferlog_enable=NO
                """.formatted(ftpPort, root, empty));
        vsftpd = new ProcessBuilder(VSFTPD, conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("vsftpd.out").toFile()).start();
        waitForPort(ftpPort);
        live = new LiveReactor();
        SocksServerFactory factory = new SocksServerFactory(live.reactor,
                new RecordingConnector(new ReactorDestinationConnector(live.reactor)), SocksAccessRules.loopbackOnly(), null,
                SocksLimits.DEFAULT);
        socksPort = live.call(() -> live.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        socks = ((IPAddress) socksPort.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vsftpd != null) {
            vsftpd.descendants().forEach(ProcessHandle::destroy);
            vsftpd.destroy();
            vsftpd.waitFor(15, TimeUnit.SECONDS);
        }
        if (live != null) {
            live.await(socksPort::stopListening);
            live.close();
        }
    }

    @Test
    void activeFtpUnderSocksifyListsAndFetchesThroughBind() throws Exception {
        Path fetched = dir.resolve("fetched.txt");
        Result result = Programs.run(List.of("/usr/bin/env", "SOCKS5_SERVER=127.0.0.1:" + socks, "SOCKS_AUTOADD_LANROUTES=no",
                SOCKSIFY, FTP, "-A", "-d", "-n", "-v", "127.0.0.1", Integer.toString(ftpPort)),
                "user anonymous guest\nls\nget hello.txt " + fetched + "\nquit\n");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("hello.txt"), result.output());
        assertEquals("hello through BIND\n", Files.readString(fetched), result.output());
        assertTrue(bindPorts.size() >= 2, "one BIND per data connection: " + bindPorts + "\n" + result.output());
        for (int port : bindPorts) {
            // tnftp announces its data port with EPRT (RFC 2428), the address and port socksify got from our BIND reply.
            assertTrue(result.output().contains("---> EPRT |1|127.0.0.1|" + port + "|"),
                    "ftp announced our BIND port " + port + ":\n" + result.output());
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("vsftpd did not start:\n" + Files.readString(dir.resolve("vsftpd.out")), notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while vsftpd starts
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
