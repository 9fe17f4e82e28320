package dev.torsion.plugin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion sip} as a user runs it: the runner's main class in a JVM of its own, found as a
 * plugin on the class path, answering SIP over UDP and TCP until SIGTERM stops it. Under the
 * interop profile sipsak probes it with OPTIONS and registers through its digest authentication
 * (a missing sipsak is a failure). sipsak reads only the first challenge and knows only MD5, so the
 * server offers MD5 alone here.
 */
class SipCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SIPSAK = "/usr/bin/sipsak";

    @TempDir
    Path root;

    @Test
    void registrarAndProxyAnswerUntilSigterm() throws Exception {
        int port = FreePorts.tcpAndUdp();
        Path output = root.resolve("torsion.out");
        Process torsion = new ProcessBuilder(javaCommand("sip", "--listen", "udp:" + port + ":interface=127.0.0.1",
                "--listen", "tcp:" + port + ":interface=127.0.0.1", "--domain", "example.org",
                "--auth", "memory:bob:s3cret", "--auth-algorithms", "MD5"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String reply = optionsWhenServing(port);
            assertTrue(reply.startsWith("SIP/2.0 200 OK\r\n"), reply);
            assertTrue(reply.contains("Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKprobe1;rport="), reply);
            if (Boolean.getBoolean("torsion.interop")) {
                String probe = run(List.of(SIPSAK, "-vv", "-s", "sip:127.0.0.1", "-r", Integer.toString(port)));
                assertTrue(probe.contains("200 OK"), probe);
                run(List.of(SIPSAK, "-U", "-s", "sip:bob@127.0.0.1", "-r", Integer.toString(port), "-u", "bob",
                        "-a", "s3cret", "--expires=120", "-vv"));
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(!transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void answersOverTls() throws Exception {
        for (String name : new String[] {"ca.pem", "server.pem", "server-key.pem"}) {
            try (InputStream in = getClass().getResourceAsStream("tls/" + name)) {
                Files.copy(in, root.resolve(name));
            }
        }
        int port = FreePorts.tcpAndUdp();
        int tlsPort = FreePorts.tcpAndUdp();
        Path output = root.resolve("torsion-tls.out");
        Process torsion = new ProcessBuilder(javaCommand("sip", "--listen", "udp:" + port + ":interface=127.0.0.1",
                "--listen", "ssl:" + tlsPort + ":privateKey=" + root.resolve("server-key.pem") + ":certKey="
                        + root.resolve("server.pem") + ":interface=127.0.0.1", "--domain", "example.org"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            optionsWhenServing(port);
            try (SSLSocket socket = (SSLSocket) trustingTestCa().getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                String options = "OPTIONS sips:example.org SIP/2.0\r\n"
                        + "Via: SIP/2.0/TLS 127.0.0.1:5998;branch=z9hG4bKtlsprobe\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@example.org>;tag=p2\r\nTo: <sips:example.org>\r\n"
                        + "Call-ID: probe-2@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                socket.getOutputStream().write(options.getBytes(StandardCharsets.UTF_8));
                byte[] head = socket.getInputStream().readNBytes(32);
                assertTrue(new String(head, StandardCharsets.UTF_8).startsWith("SIP/2.0 200 OK\r\n"),
                        new String(head, StandardCharsets.UTF_8));
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            assertEquals(0, torsion.exitValue(), Files.readString(output));
        } finally {
            torsion.destroyForcibly();
        }
    }

    private SSLContext trustingTestCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(root.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void locatesNextHopsThroughTheResolverItIsGiven() throws Exception {
        int dnsPort = FreePorts.tcpAndUdp();
        int port = FreePorts.tcpAndUdp();
        try (DatagramSocket uas = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            uas.setSoTimeout(20_000);
            String zone = String.join("\n", "$ORIGIN example.test.", "$TTL 60",
                    "@ IN SOA ns hostmaster 1 3600 600 86400 60", "@ IN NS ns", "ns IN A 127.0.0.1",
                    "@ IN NAPTR 10 10 \"s\" \"SIP+D2U\" \"\" _sip._udp",
                    "_sip._udp IN SRV 0 0 " + uas.getLocalPort() + " uas", "uas IN A 127.0.0.1", "");
            LiveReactor live = new LiveReactor();
            Process torsion = null;
            try {
                live.call(() -> live.reactor.listenUDP(dnsPort, new DnsDatagramProtocol(new DnsServer(List.of(
                        new ZoneAuthority(ZoneFileParser.parse(zone, null, DnsLimits.DEFAULTS), DnsLimits.DEFAULTS)), null,
                        DnsLimits.DEFAULTS, peer -> false)), "127.0.0.1", 65535));
                torsion = new ProcessBuilder(javaCommand("sip", "--listen", "udp:" + port + ":interface=127.0.0.1",
                        "--domain", "example.org", "--resolver", "127.0.0.1:" + dnsPort))
                        .redirectErrorStream(true).redirectOutput(root.resolve("torsion-dns.out").toFile()).start();
                optionsWhenServing(port);
                String options = "OPTIONS sip:carol@example.test SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bKdns1;rport\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@example.org>;tag=d1\r\nTo: <sip:carol@example.test>\r\n"
                        + "Call-ID: dns-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = options.getBytes(StandardCharsets.UTF_8);
                phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket got = new DatagramPacket(new byte[8192], 8192);
                uas.receive(got); // NAPTR, SRV and A through --resolver lead here
                String forwarded = new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8);
                assertTrue(forwarded.startsWith("OPTIONS sip:carol@example.test SIP/2.0\r\n"), forwarded);
                assertTrue(forwarded.contains("Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK"), forwarded);
                assertTrue(forwarded.contains("Max-Forwards: 69\r\n"), forwarded);
            } finally {
                if (torsion != null) {
                    torsion.destroy();
                    torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
                live.close();
            }
        }
    }

    /**
     * {@code receiveBuffer=} reaches the UDP socket: asked for twice the kernel's cap, the server
     * logs the size granted (the cap) and serves.
     */
    @Test
    void theReceiveBufferOptionReachesTheSocket() throws Exception {
        int cap = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        long asked = 2L * cap;
        int port = FreePorts.tcpAndUdp();
        Path output = root.resolve("buffer.out");
        Process torsion = new ProcessBuilder(javaCommand("sip", "--listen",
                "udp:" + port + ":interface=127.0.0.1:receiveBuffer=" + asked, "--domain", "example.org"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(optionsWhenServing(port).startsWith("SIP/2.0 200 OK\r\n"));
            String transcript = Files.readString(output);
            assertTrue(transcript.contains("UDP socket UDP:127.0.0.1:" + port + ": asked for a receive buffer of " + asked
                    + " bytes, the kernel granted " + cap + " "), transcript);
        } finally {
            torsion.destroyForcibly();
            torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadReceiveBufferIsRefused() throws Exception {
        Path out = root.resolve("bad-buffer.out");
        Process torsion = new ProcessBuilder(javaCommand("sip", "--listen", "udp:5060:receiveBuffer=lots",
                "--domain", "example.org")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String text = Files.readString(out);
        assertTrue(torsion.exitValue() != 0, text);
        assertTrue(text.contains("--listen udp:5060:receiveBuffer=lots: bad receiveBuffer: 'lots' is not a size"), text);
    }

    @Test
    void aBadListenIsRefused() throws Exception {
        Path out = root.resolve("bad.out");
        Process torsion = new ProcessBuilder(javaCommand("sip", "--listen", "sctp:5060", "--domain", "example.org"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String text = Files.readString(out);
        assertTrue(torsion.exitValue() != 0, text);
        assertTrue(text.contains("--listen sctp:5060"), text);
    }

    /** Sends OPTIONS over UDP until the server answers (it may still be starting), within the deadline. */
    private static String optionsWhenServing(int port) throws Exception {
        String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKprobe1;rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@example.org>;tag=p1\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: probe-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = options.getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + DEADLINE.toNanos();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(500);
            while (System.nanoTime() < end) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[8192], 8192);
                try {
                    socket.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException notYet) {
                    // the server is still starting: send again
                }
            }
        }
        throw new AssertionError("torsion sip did not answer within " + DEADLINE);
    }

    private String run(List<String> command) throws Exception {
        assertTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is missing (install its Debian package)");
        Path out = Files.createTempFile(root, "peer", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "timed out: " + command);
        String text = Files.readString(out);
        assertEquals(0, process.exitValue(), command + "\n" + text);
        return text;
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion"));
        command.addAll(List.of(args));
        return command;
    }
}
