package dev.torsion.netty.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerProcessTest {
    @TempDir
    Path temp;

    /** The peer of these tests: a JVM that prints a line and answers "hello" on the port it is given. */
    public static final class HelloPeer {
        public static void main(String[] args) throws IOException {
            System.out.println("hello peer starting");
            try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 1, InetAddress.getLoopbackAddress())) {
                while (true) {
                    try (Socket client = server.accept()) {
                        client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        }
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void startsTheProgramAndReturnsWhenItListensThenStopsIt() throws Exception {
        int port = FreePorts.tcp();
        PeerProcess peer = PeerProcess.start(java(HelloPeer.class.getName(), Integer.toString(port)), temp.resolve("peer.log"), port);
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertTrue(peer.isAlive());
        assertTrue(peer.log().contains("hello peer starting"), peer.log());
        peer.close();
        assertFalse(peer.isAlive());
    }

    @Test
    void aProgramThatExitsIsAFailureQuotingItsLog() {
        AssertionError failure = assertThrows(AssertionError.class, () -> PeerProcess.start(
                List.of("/bin/sh", "-c", "echo no config here; exit 3"), temp.resolve("peer.log"), FreePorts.tcp()));
        assertTrue(failure.getMessage().startsWith("sh exited with 3: no config here"), failure.getMessage());
    }

    @Test
    void aMissingProgramIsAFailureNotASkip() {
        AssertionError failure = assertThrows(AssertionError.class, () -> PeerProcess.start(
                List.of("/usr/bin/no-such-peer"), temp.resolve("peer.log"), FreePorts.tcp()));
        assertTrue(failure.getMessage().contains("/usr/bin/no-such-peer is missing"), failure.getMessage());
    }

    @Test
    void aPortFreeForTcpAndUdpCanBeBoundForBoth() throws Exception {
        int port = FreePorts.tcpAndUdp();
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertEquals(port, tcp.getLocalPort());
            assertEquals(port, udp.getLocalPort());
        }
    }
}
