package dev.torsion.socks.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.support.Logins;
import dev.torsion.socks.support.Programs;
import dev.torsion.socks.support.Programs.Result;
import dev.torsion.socks.support.UpperEchoes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's PySocks (Debian {@code python3-socks}) and Nmap's {@code ncat} through our server on a
 * real Netty reactor: PySocks's UDP ASSOCIATE to a UDP echo on loopback (by address, by a name the
 * server resolves, with an RFC 1929 login), PySocks's SOCKS4 and SOCKS5 CONNECT, and ncat's
 * {@code --proxy-type socks4} and {@code socks5} (with {@code --proxy-auth}) CONNECT to a TCP echo.
 * Each echo answers in upper case, so every answer went through the destination and back.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class PySocksAndNcatInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String NCAT = "/usr/bin/ncat";

    /** UDP through PySocks: three datagrams, each answer printed with its source. */
    private static final String PYSOCKS_UDP = """
            import socket, sys, socks
            proxy, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
            user = sys.argv[4] if len(sys.argv) > 4 else None
            password = sys.argv[5] if len(sys.argv) > 5 else None
            s = socks.socksocket(socket.AF_INET, socket.SOCK_DGRAM)
            s.set_proxy(socks.SOCKS5, "127.0.0.1", proxy, rdns=True, username=user, password=password)
            s.settimeout(10)
            s.bind(("127.0.0.1", 0))
            for i in range(3):
                s.sendto(("datagram %d" % i).encode(), (host, port))
                data, source = s.recvfrom(4096)
                print(data.decode(), source[0], source[1])
            s.close()
            """;

    /** TCP through PySocks: one line, its answer printed. */
    private static final String PYSOCKS_TCP = """
            import socket, sys, socks
            kind = {"4": socks.SOCKS4, "5": socks.SOCKS5}[sys.argv[1]]
            proxy, host, port = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
            s = socks.socksocket()
            s.set_proxy(kind, "127.0.0.1", proxy)
            s.settimeout(10)
            s.connect((host, port))
            s.sendall(b"pysocks tcp")
            s.shutdown(socket.SHUT_WR)
            answer = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
            print(answer.decode())
            """;

    @TempDir
    static Path dir;

    private static LiveReactor live;
    private static final List<ListeningPort> ports = new ArrayList<>();
    private static int tcpEcho;
    private static int udpEcho;
    private static int socks;
    private static int guardedSocks;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(PYTHON);
        Programs.require(NCAT);
        Result pysocks = Programs.run(List.of(PYTHON, "-c", "import socks; print(socks.__version__)"), "");
        assertEquals(0, pysocks.exit(), "PySocks is missing (install python3-socks): " + pysocks.output());
        Files.writeString(dir.resolve("udp.py"), PYSOCKS_UDP);
        Files.writeString(dir.resolve("tcp.py"), PYSOCKS_TCP);
        live = new LiveReactor();
        tcpEcho = listen(address -> new UpperEchoes.Stream());
        ListeningPort udp = live.call(() -> live.reactor.listenUDP(0, new UpperEchoes.Datagrams(), "127.0.0.1", 4096));
        ports.add(udp);
        udpEcho = ((IPAddress) udp.getHost()).port();
        socks = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), null));
        guardedSocks = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), new Logins().portal));
    }

    private static int listen(ProtocolFactory factory) throws Exception {
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        ports.add(port);
        return ((IPAddress) port.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            for (ListeningPort port : ports) {
                live.await(port::stopListening);
            }
            live.close();
        }
    }

    private static String python(String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, dir.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Result result = Programs.run(command, "");
        assertEquals(0, result.exit(), result.output());
        return result.output();
    }

    private static String expectedDatagrams() {
        return "DATAGRAM 0 127.0.0.1 %1$d\nDATAGRAM 1 127.0.0.1 %1$d\nDATAGRAM 2 127.0.0.1 %1$d\n".formatted(udpEcho);
    }

    @Test
    void pySocksUdpAssociateByAddress() throws Exception {
        assertEquals(expectedDatagrams(), python("udp.py", Integer.toString(socks), "127.0.0.1", Integer.toString(udpEcho)));
    }

    @Test
    void pySocksUdpAssociateByANameTheServerResolves() throws Exception {
        // rdns: the name goes in each datagram's header (ATYP 3); the answers come back under the address.
        assertEquals(expectedDatagrams(), python("udp.py", Integer.toString(socks), "localhost", Integer.toString(udpEcho)));
    }

    @Test
    void pySocksUdpAssociateWithALogin() throws Exception {
        assertEquals(expectedDatagrams(), python("udp.py", Integer.toString(guardedSocks), "127.0.0.1",
                Integer.toString(udpEcho), "alice", "s3cret"));
        Result refused = Programs.run(List.of(PYTHON, dir.resolve("udp.py").toString(), Integer.toString(guardedSocks),
                "127.0.0.1", Integer.toString(udpEcho), "alice", "wrong"), "");
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("SOCKS5 authentication failed"), refused.output());
    }

    @Test
    void pySocksConnectBySocks4AndSocks5() throws Exception {
        assertEquals("PYSOCKS TCP\n", python("tcp.py", "4", Integer.toString(socks), "127.0.0.1", Integer.toString(tcpEcho)));
        assertEquals("PYSOCKS TCP\n", python("tcp.py", "5", Integer.toString(socks), "localhost", Integer.toString(tcpEcho)));
    }

    private static String ncat(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(NCAT, "--wait", "10"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("127.0.0.1", Integer.toString(tcpEcho)));
        Result result = Programs.run(command, "through ncat\n");
        assertEquals(0, result.exit(), result.output());
        return result.output();
    }

    @Test
    void ncatSocks4() throws Exception {
        assertEquals("THROUGH NCAT\n", ncat("--proxy", "127.0.0.1:" + socks, "--proxy-type", "socks4"));
    }

    @Test
    void ncatSocks5() throws Exception {
        assertEquals("THROUGH NCAT\n", ncat("--proxy", "127.0.0.1:" + socks, "--proxy-type", "socks5"));
    }

    @Test
    void ncatSocks5WithALogin() throws Exception {
        assertEquals("THROUGH NCAT\n", ncat("--proxy", "127.0.0.1:" + guardedSocks, "--proxy-type", "socks5",
                "--proxy-auth", "alice:s3cret"));
    }
}
