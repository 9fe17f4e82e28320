package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.MulticastTransport;
import dev.torsion.internet.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP on real loopback sockets, on the native loop and on NIO. */
class UdpTransportTest {

    /** A received datagram. */
    record Datagram(byte[] data, Address from) {
        String text() {
            return new String(data, StandardCharsets.US_ASCII);
        }
    }

    /** Records datagrams; optionally echoes them. */
    static class Recorder extends DatagramProtocol {
        final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        final CompletableFuture<Void> refused = new CompletableFuture<>();
        private final boolean echo;

        Recorder(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void startProtocol() {
            started.complete(null);
        }

        @Override
        public void stopProtocol() {
            stopped.complete(null);
        }

        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            received.add(new Datagram(datagram, from));
            if (echo) {
                transport().write(datagram, from);
            }
        }

        @Override
        public void connectionRefused() {
            refused.complete(null);
        }

        Datagram next() throws InterruptedException {
            Datagram d = received.poll(10, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("no datagram arrived");
            }
            return d;
        }
    }

    private static int port(ListeningPort p) {
        return ((IPAddress) p.getHost()).port();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void datagramsBothWaysWithSenderAddresses(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder server = new Recorder(true);
            ListeningPort serverPort = r.reactor.listenUDP(0, server, "127.0.0.1", 8192);
            Recorder client = new Recorder(false);
            ListeningPort clientPort = r.reactor.listenUDP(0, client, "127.0.0.1", 8192);
            client.started.get(10, TimeUnit.SECONDS);
            r.call(() -> {
                client.transport().write(ascii("one"), serverPort.getHost());
                client.transport().write(ascii("two"), serverPort.getHost());
                return null;
            });
            Datagram first = server.next();
            assertEquals("one", first.text());
            assertEquals(new IPv4Address(SocketType.UDP, "127.0.0.1", port(clientPort)), first.from());
            assertEquals("two", server.next().text());
            Datagram echoed = client.next();
            assertEquals("one", echoed.text());
            assertEquals(new IPv4Address(SocketType.UDP, "127.0.0.1", port(serverPort)), echoed.from());
            assertEquals("two", client.next().text());
            r.call(() -> clientPort.stopListening());
            client.stopped.get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void longDatagramsAreTruncatedToMaxPacketSize(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder server = new Recorder(false);
            ListeningPort serverPort = r.reactor.listenUDP(0, server, "127.0.0.1", 16);
            Recorder client = new Recorder(false);
            r.reactor.listenUDP(0, client, "127.0.0.1", 8192);
            client.started.get(10, TimeUnit.SECONDS);
            byte[] big = new byte[100];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            r.call(() -> {
                client.transport().write(big, serverPort.getHost());
                return null;
            });
            byte[] got = server.next().data();
            assertArrayEquals(Arrays.copyOf(big, 16), got);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void connectedSocketWritesToItsPeerAndHearsRefusals(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder server = new Recorder(true);
            ListeningPort serverPort = r.reactor.listenUDP(0, server, "127.0.0.1", 8192);
            Recorder client = new Recorder(false);
            r.reactor.listenUDP(0, client, "127.0.0.1", 8192);
            client.started.get(10, TimeUnit.SECONDS);
            r.call(() -> {
                client.transport().connect("127.0.0.1", port(serverPort));
                client.transport().write(ascii("hello"));
                return null;
            });
            assertEquals("hello", server.next().text());
            assertEquals("hello", client.next().text());
            r.call(() -> serverPort.stopListening());
            server.stopped.get(10, TimeUnit.SECONDS);
            // Nothing listens any more: the kernel answers with ICMP port unreachable.
            for (int i = 0; i < 5 && !client.refused.isDone(); i++) {
                r.call(() -> {
                    client.transport().write(ascii("anyone?"));
                    return null;
                });
                try {
                    client.refused.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // try again: the first datagram may race the close
                }
            }
            assertTrue(client.refused.isDone(), "connectionRefused must be called");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void ipv6Datagrams(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder server = new Recorder(true);
            ListeningPort serverPort = r.reactor.listenUDP(0, server, "::1", 8192);
            assertInstanceOf(IPv6Address.class, serverPort.getHost());
            Recorder client = new Recorder(false);
            r.reactor.listenUDP(0, client, "::1", 8192);
            client.started.get(10, TimeUnit.SECONDS);
            r.call(() -> {
                client.transport().write(ascii("six"), new IPv6Address(SocketType.UDP, "::1", port(serverPort)));
                return null;
            });
            assertEquals("six", server.next().text());
            assertEquals("six", client.next().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void destinationsMustBeIpLiterals(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder client = new Recorder(false);
            r.reactor.listenUDP(0, client, "127.0.0.1", 8192);
            client.started.get(10, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> r.call(() -> {
                client.transport().write(ascii("x"), new IPv4Address(SocketType.UDP, "example.invalid", 9));
                return null;
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void multicastJoinLoopbackAndLeave(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            Recorder member = new Recorder(false);
            ListeningPort memberPort = r.reactor.listenUDP(0, member, "", 8192);
            Recorder sender = new Recorder(false);
            r.reactor.listenUDP(0, sender, "", 8192);
            member.started.get(10, TimeUnit.SECONDS);
            sender.started.get(10, TimeUnit.SECONDS);
            MulticastTransport group = (MulticastTransport) member.transport();
            MulticastTransport out = (MulticastTransport) sender.transport();
            String address = "239.255.42.99";
            r.call(() -> group.joinGroup(address, "127.0.0.1"));
            r.call(() -> {
                out.setTTL(1);
                out.setLoopbackMode(true);
                ((DatagramPort) out).setOutgoingInterface("127.0.0.1");
                out.write(ascii("to the group"), new IPv4Address(SocketType.UDP, address, port(memberPort)));
                return null;
            });
            assertEquals("to the group", member.next().text());
            r.call(() -> group.leaveGroup(address, "127.0.0.1"));
            r.call(() -> {
                out.write(ascii("after leaving"), new IPv4Address(SocketType.UDP, address, port(memberPort)));
                out.write(ascii("direct"), new IPv4Address(SocketType.UDP, "127.0.0.1", port(memberPort)));
                return null;
            });
            // The datagram sent after leaving must not arrive; the direct one, sent later, must.
            assertEquals("direct", member.next().text());
        }
    }
}
