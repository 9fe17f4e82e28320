package dev.torsion.socks.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.support.Bytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BIND and UDP ASSOCIATE through our server on a real Netty reactor, driven by a client written
 * here from raw sockets (no common client does BIND; the JDK's SOCKS client does neither): the
 * bytes of every request and reply checked, 4 MiB each way through a BIND written while read,
 * a stranger refused, and datagrams to a UDP echo and back.
 */
class RawSocketBindAndUdpTest {
    private static final int SIZE = 4 << 20;
    private static LiveReactor live;
    private static ListeningPort socks;
    private static ListeningPort udpEcho;

    /** Sends every datagram back where it came from. */
    static final class UdpEcho extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            transport().write(datagram, from);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        socks = live.call(() -> live.reactor.listenTCP(0,
                SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), null), 50, "127.0.0.1"));
        udpEcho = live.call(() -> live.reactor.listenUDP(0, new UdpEcho(), "127.0.0.1", 2048));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.await(socks::stopListening);
            live.await(udpEcho::stopListening);
            live.close();
        }
    }

    private static int port(ListeningPort listening) {
        return ((IPAddress) listening.getHost()).port();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] read(Socket socket, int count) throws IOException {
        byte[] out = new byte[count];
        new DataInputStream(socket.getInputStream()).readFully(out);
        return out;
    }

    private static Socket control() throws IOException {
        Socket socket = new Socket("127.0.0.1", port(socks));
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** SOCKS5 greeting (no authentication) and a request; returns the 10-byte IPv4 reply. */
    private static byte[] socks5(Socket socket, int command, byte[] address, int port) throws IOException {
        socket.getOutputStream().write(Bytes.of(5, 1, 0, 5, command, 0, 1, address, port >> 8, port & 0xFF));
        assertEquals(hex(Bytes.of(5, 0)), hex(read(socket, 2)));
        return read(socket, 10);
    }

    private static int portOf(byte[] reply) {
        return (reply[reply.length - 2] & 0xFF) << 8 | reply[reply.length - 1] & 0xFF;
    }

    /** Both ends write SIZE random bytes while reading the other's: every byte checked. */
    private static void exchange(Socket a, Socket b) throws Exception {
        byte[] fromA = new byte[SIZE];
        byte[] fromB = new byte[SIZE];
        new Random(1).nextBytes(fromA);
        new Random(2).nextBytes(fromB);
        CompletableFuture<Void> writingA = write(a, fromA);
        CompletableFuture<Void> writingB = write(b, fromB);
        CompletableFuture<byte[]> readingA = readAll(a);
        byte[] atB = b.getInputStream().readAllBytes();
        writingA.get(30, TimeUnit.SECONDS);
        writingB.get(30, TimeUnit.SECONDS);
        assertArrayEquals(fromA, atB);
        assertArrayEquals(fromB, readingA.get(30, TimeUnit.SECONDS));
    }

    private static CompletableFuture<Void> write(Socket socket, byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int offset = 0; offset < data.length; offset += 65536) {
                    out.write(data, offset, 65536);
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static CompletableFuture<byte[]> readAll(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void socks5BindRelaysFourMebibytesEachWay() throws Exception {
        try (Socket client = control()) {
            byte[] first = socks5(client, 2, new byte[] {127, 0, 0, 1}, 0);
            assertEquals(hex(Bytes.of(5, 0, 0, 1, 127, 0, 0, 1)), hex(Arrays.copyOf(first, 8)));
            try (Socket server = new Socket("127.0.0.1", portOf(first))) {
                server.setSoTimeout(20_000);
                byte[] second = read(client, 10);
                assertEquals(hex(Bytes.of(5, 0, 0, 1, 127, 0, 0, 1, server.getLocalPort() >> 8, server.getLocalPort() & 0xFF)),
                        hex(second));
                exchange(client, server);
            }
        }
    }

    @Test
    void socks4BindRelays() throws Exception {
        try (Socket client = control()) {
            client.getOutputStream().write(Bytes.of(4, 2, 0, 21, 127, 0, 0, 1, "raw", 0));
            byte[] first = read(client, 8);
            assertEquals(hex(Bytes.of(0, 90)), hex(Arrays.copyOf(first, 2)));
            assertEquals(hex(Bytes.of(127, 0, 0, 1)), hex(Arrays.copyOfRange(first, 4, 8)));
            int bound = (first[2] & 0xFF) << 8 | first[3] & 0xFF;
            try (Socket server = new Socket("127.0.0.1", bound)) {
                byte[] second = read(client, 8);
                assertEquals(hex(Bytes.of(0, 90, server.getLocalPort() >> 8, server.getLocalPort() & 0xFF, 127, 0, 0, 1)),
                        hex(second));
                server.getOutputStream().write(Bytes.of("220 hello\r\n"));
                assertEquals("220 hello\r\n", new String(read(client, 11)));
            }
        }
    }

    @Test
    void aStrangerIsRefusedAndTheBindEnds() throws Exception {
        try (Socket client = control()) {
            byte[] first = socks5(client, 2, new byte[] {127, 0, 0, 1}, 0);
            try (Socket stranger = new Socket()) {
                stranger.bind(new InetSocketAddress("127.0.0.2", 0));
                stranger.connect(new InetSocketAddress("127.0.0.1", portOf(first)));
                stranger.setSoTimeout(20_000);
                assertEquals(hex(Bytes.of(5, 2, 0, 1, 0, 0, 0, 0, 0, 0)), hex(read(client, 10)));
                assertEquals(-1, client.getInputStream().read(), "the control connection is closed");
                assertThrows(IOException.class, () -> {
                    InputStream in = stranger.getInputStream();
                    if (in.read() == -1) {
                        throw new IOException("closed");
                    }
                });
            }
        }
    }

    @Test
    void udpAssociateToAnEchoAndBack() throws Exception {
        try (Socket client = control(); DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(10_000);
            byte[] reply = socks5(client, 3, new byte[4], udp.getLocalPort());
            assertEquals(hex(Bytes.of(5, 0, 0, 1, 127, 0, 0, 1)), hex(Arrays.copyOf(reply, 8)));
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", portOf(reply));
            int echo = port(udpEcho);
            byte[] header = Bytes.of(0, 0, 0, 1, 127, 0, 0, 1, echo >> 8, echo & 0xFF);
            for (String text : new String[] {"one", "two"}) {
                byte[] out = Bytes.of(header, text);
                udp.send(new DatagramPacket(out, out.length, relay));
                DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
                udp.receive(in);
                assertEquals(relay, in.getSocketAddress(), "answers come from the relay port");
                assertEquals(hex(out), hex(Arrays.copyOf(in.getData(), in.getLength())), "wrapped with the echo's address");
            }
            // A fragment is dropped: the next answer is for the datagram after it.
            byte[] fragment = Bytes.of(0, 0, 1, 1, 127, 0, 0, 1, echo >> 8, echo & 0xFF, "frag");
            udp.send(new DatagramPacket(fragment, fragment.length, relay));
            byte[] after = Bytes.of(header, "after");
            udp.send(new DatagramPacket(after, after.length, relay));
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            udp.receive(in);
            assertEquals(hex(after), hex(Arrays.copyOf(in.getData(), in.getLength())));

            client.close();
            assertRelayCloses(udp, relay, after);
        }
    }

    /** Once the TCP connection is gone, the relay port is closed: the kernel answers port unreachable. */
    private static void assertRelayCloses(DatagramSocket udp, InetSocketAddress relay, byte[] datagram) throws Exception {
        udp.connect(relay);
        udp.setSoTimeout(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            udp.send(new DatagramPacket(datagram, datagram.length));
            try {
                udp.receive(new DatagramPacket(new byte[2048], 2048));
            } catch (PortUnreachableException closed) {
                return;
            } catch (SocketTimeoutException answeredOrNotYet) {
                // Not closed yet (or the answer was lost): try again.
            }
        }
        fail("the relay port still listens after the TCP connection closed");
    }
}
