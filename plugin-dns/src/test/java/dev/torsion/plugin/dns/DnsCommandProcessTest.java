package dev.torsion.plugin.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion dns} as a user runs it: the runner's main class in a JVM of its own, serving a
 * zone file and a hosts file until SIGTERM. Under the interop profile dig asks it over UDP and
 * TCP and transfers the zone (a missing dig is a failure).
 */
class DnsCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ZONE = String.join("\n",
            "$ORIGIN example.org.", "$TTL 300",
            "@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 60 )",
            "  IN NS ns1", "ns1 IN A 192.0.2.53", "www IN A 192.0.2.80", "  IN AAAA 2001:db8::80",
            "@ IN MX 10 mail", "mail IN A 192.0.2.25", "");

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion", "dns"));
        command.addAll(List.of(args));
        // The first process of a test writes torsion.out (its transcript); a second one its own file.
        Path out = dir.resolve(Files.exists(dir.resolve("torsion.out")) ? "torsion-second.out" : "torsion.out");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    @Test
    void servesAZoneAndAHostsFileUntilSigterm() throws Exception {
        Path zone = dir.resolve("example.org.zone");
        Files.writeString(zone, ZONE);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.7 printer.lan\n");
        int port = FreePorts.tcpAndUdp();
        Process torsion = start("--port", String.valueOf(port), "--interface", "127.0.0.1",
                "--zone", "example.org=" + zone, "--hosts-file", hosts.toString());
        try {
            Message reply = askWhenServing(port, "www.example.org.", RRType.A, torsion, dir);
            assertTrue(reply.has(Message.AA));
            assertEquals("192.0.2.80", reply.answers().get(0).data().toString());
            assertEquals("192.0.2.7", askWhenServing(port, "printer.lan.", RRType.A).answers().get(0).data().toString());
            if (Boolean.getBoolean("torsion.interop")) {
                String p = String.valueOf(port);
                assertEquals("2001:db8::80\n", run("dig", "@127.0.0.1", "-p", p, "+short", "www.example.org", "AAAA"));
                assertEquals("10 mail.example.org.\n", run("dig", "@127.0.0.1", "-p", p, "+tcp", "+short", "example.org", "MX"));
                String axfr = run("dig", "@127.0.0.1", "-p", p, "+noall", "+answer", "example.org", "AXFR");
                assertEquals(8, axfr.lines().count(), axfr); // 7 records, the SOA again at the end
                String nx = run("dig", "@127.0.0.1", "-p", p, "nope.example.org", "A");
                assertTrue(nx.contains("status: NXDOMAIN") && nx.contains("flags: qr aa"), nx);
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(dir.resolve("torsion.out"));
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(transcript.contains("zone example.org. loaded"), transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void aSecondaryTransfersFromAPrimaryProcess() throws Exception {
        Path zone = dir.resolve("example.org.zone");
        Files.writeString(zone, ZONE);
        int primaryPort = FreePorts.tcpAndUdp();
        Process primary = start("--port", String.valueOf(primaryPort), "--interface", "127.0.0.1", "--zone", zone.toString());
        Process secondary = null;
        try {
            askWhenServing(primaryPort, "www.example.org.", RRType.A, primary, dir);
            int port = FreePorts.tcpAndUdp();
            secondary = start("--port", String.valueOf(port), "--interface", "127.0.0.1",
                    "--secondary", "example.org=127.0.0.1:" + primaryPort);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            Message reply = askWhenServing(port, "www.example.org.", RRType.AAAA);
            while (reply.answers().isEmpty() && System.nanoTime() < deadline) {
                // SERVFAIL until the first transfer lands.
                reply = askWhenServing(port, "www.example.org.", RRType.AAAA);
            }
            assertEquals("2001:db8::80", reply.answers().get(0).data().toString());
            assertTrue(reply.has(Message.AA));
        } finally {
            primary.destroy();
            assertTrue(primary.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            if (secondary != null) {
                secondary.destroy();
                assertTrue(secondary.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void recursiveFromRootHintsAnswersWithRa() throws Exception {
        Path zone = dir.resolve("example.org.zone");
        Files.writeString(zone, ZONE);
        int rootPort = FreePorts.tcpAndUdp();
        // The "root" here is authoritative for example.org itself: the iteration ends at its first answer.
        Process root = start("--port", String.valueOf(rootPort), "--interface", "127.0.0.1", "--zone", zone.toString());
        Process recursive = null;
        try {
            askWhenServing(rootPort, "www.example.org.", RRType.A, root, dir);
            int port = FreePorts.tcpAndUdp();
            recursive = start("--port", String.valueOf(port), "--interface", "127.0.0.1", "--recursive",
                    "--root-hints", "127.0.0.1:" + rootPort, "--cache");
            byte[] query = MessageCodec.encode(Message.query(7, Question.of(Name.parse("mail.example.org."), RRType.A), true, null));
            Message reply = askWhenServing(port, query);
            assertTrue(reply.has(Message.RA) && !reply.has(Message.AA));
            assertEquals("192.0.2.25", reply.answers().get(0).data().toString());
        } finally {
            root.destroy();
            assertTrue(root.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            if (recursive != null) {
                recursive.destroy();
                assertTrue(recursive.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void twistdSpellingsAreAccepted() throws Exception {
        Path zone = dir.resolve("example.org.zone");
        Files.writeString(zone, ZONE);
        int port = FreePorts.tcpAndUdp();
        int extra = FreePorts.tcpAndUdp();
        Process torsion = start("-p", String.valueOf(port), "--interface", "127.0.0.1", "--bindzone", zone.toString(),
                "--cache", "--verbose", "--listen", "udp:" + extra + ":interface=127.0.0.1", "--rate-limit", "1000");
        try {
            assertEquals("192.0.2.25", askWhenServing(port, "mail.example.org.", RRType.A, torsion, dir)
                    .answers().get(0).data().toString());
            assertEquals("192.0.2.80", askWhenServing(extra, "www.example.org.", RRType.A).answers().get(0).data().toString());
        } finally {
            torsion.destroy();
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** A UDP query, repeated while the server is still starting (no reply) until the deadline. */
    /** As {@link #askWhenServing(int, String, int)}, failing at once with the transcript if the process has ended. */
    private static Message askWhenServing(int port, String name, int type, Process process, Path dir) throws Exception {
        byte[] query = MessageCodec.encode(Message.query(4242, Question.of(Name.parse(name), type), false, null));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            assertTrue(process.isAlive(), () -> "torsion dns exited: " + transcript(dir));
            try {
                return askOnce(port, query);
            } catch (SocketTimeoutException notYet) {
                assertTrue(System.nanoTime() < deadline, () -> "no reply from torsion dns: " + transcript(dir));
            }
        }
    }

    private static String transcript(Path dir) {
        try {
            return Files.readString(dir.resolve("torsion.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Message askOnce(int port, byte[] query) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
            socket.receive(packet);
            return MessageCodec.decode(Arrays.copyOf(packet.getData(), packet.getLength()), DnsLimits.DEFAULTS);
        }
    }

    private static Message askWhenServing(int port, String name, int type) throws Exception {
        return askWhenServing(port, MessageCodec.encode(Message.query(4242, Question.of(Name.parse(name), type), false, null)));
    }

    private static Message askWhenServing(int port, byte[] query) throws Exception {
        int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            while (true) {
                socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
                try {
                    socket.receive(packet);
                    byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
                    Message reply = MessageCodec.decode(data, DnsLimits.DEFAULTS);
                    assertEquals(id, reply.id());
                    return reply;
                } catch (SocketTimeoutException notYet) {
                    assertTrue(System.nanoTime() < deadline, "no reply from torsion dns");
                }
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        return new String(output, StandardCharsets.UTF_8);
    }
}
