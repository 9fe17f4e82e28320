package dev.torsion.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.parse.SipWriter;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.Peers;
import dev.torsion.sip.support.SipWorld;
import dev.torsion.sip.support.StreamReader;
import dev.torsion.sip.transaction.TimerSettings;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFC 3261 section 18 rules over real sockets on the Netty reactor: responses by Via over UDP
 * (received and rport), responses on the connection a request came on, a proxied request over TCP
 * when the contact asks for it, and over TCP when it is larger than the MTU threshold.
 */
class TransportSocketTest {
    private static final InetAddress LOOP = InetAddress.getLoopbackAddress();
    private static LiveReactor live;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        port = Peers.freePort();
        live.call(() -> {
            SipServer server = new SipServer(live.reactor, live.reactor, "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            server.listenUdp(port, "127.0.0.1");
            server.listenTcp(port, "127.0.0.1");
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    private static SipMessage exchange(DatagramSocket socket, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, LOOP, port));
        return receive(socket);
    }

    private static SipMessage receive(DatagramSocket socket) throws Exception {
        DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
        socket.receive(reply);
        byte[] data = new byte[reply.getLength()];
        System.arraycopy(reply.getData(), 0, data, 0, data.length);
        return SipDatagramParser.parse(data, SipLimits.DEFAULTS);
    }

    /** Reads one message from a stream, framed by Content-Length. */
    private static void write(Socket socket, SipMessage message) throws IOException {
        socket.getOutputStream().write(SipWriter.encode(message));
        socket.getOutputStream().flush();
    }

    private static String answer(SipRequest request) {
        return SipWorld.answer(request, 200, "OK", "t1", "");
    }

    @Test
    void udpResponseGoesToTheSourceByRport() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, LOOP)) {
            phone.setSoTimeout(10_000);
            // The Via names another address: with rport the answer still comes back here (RFC 3581).
            SipResponse ok = (SipResponse) exchange(phone, SipWorld.request("OPTIONS", "sip:example.org", 7000,
                    "z9hG4bKsock1", "sip:a@example.org", "sip:example.org", "s-1", 1, "").replace("127.0.0.1:7000", "192.0.2.99:7000"));
            assertEquals(200, ok.status());
            assertEquals(Integer.toString(phone.getLocalPort()), ok.topVia().params().get("rport"));
            assertEquals("127.0.0.1", ok.topVia().received());
        }
    }

    @Test
    void tcpResponseComesBackOnTheSameConnection() throws Exception {
        try (Socket phone = new Socket()) {
            phone.connect(new InetSocketAddress(LOOP, port), 10_000);
            phone.setSoTimeout(10_000);
            String options = SipWorld.request("OPTIONS", "sip:example.org", 7001, "z9hG4bKsock2", "sip:a@example.org",
                    "sip:example.org", "s-2", 1, "").replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            phone.getOutputStream().write(options.getBytes(StandardCharsets.UTF_8));
            SipResponse ok = (SipResponse) StreamReader.read(phone.getInputStream());
            assertEquals(200, ok.status());
            assertEquals("TCP", ok.topVia().transport());
        }
    }

    @Test
    void contactWithTransportTcpAndAnOversizedRequestGoOverTcp() throws Exception {
        try (DatagramSocket alice = new DatagramSocket(0, LOOP);
             ServerSocket daveTcp = new ServerSocket(0, 5, LOOP);
             DatagramSocket daveUdp = new DatagramSocket(daveTcp.getLocalPort(), LOOP)) {
            alice.setSoTimeout(10_000);
            daveTcp.setSoTimeout(10_000);
            daveUdp.setSoTimeout(2_000);
            int davePort = daveTcp.getLocalPort();
            SipResponse registered = (SipResponse) exchange(alice, SipWorld.register("dave", 7002, "z9hG4bKsock3", 1,
                    "Contact: <sip:dave@127.0.0.1:" + davePort + ">\r\n"));
            assertEquals(200, registered.status());

            // Section 18.1.1: 2000 bytes is above the 1300-byte threshold: TCP, though the contact says UDP.
            String big = SipWorld.request("MESSAGE", "sip:dave@example.org", 7002, "z9hG4bKsock4", "sip:alice@example.org",
                    "sip:dave@example.org", "s-4", 1, "Content-Type: text/plain\r\n")
                    .replace("Content-Length: 0\r\n\r\n", "Content-Length: 2000\r\n\r\n" + "x".repeat(2000));
            byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
            alice.send(new DatagramPacket(bytes, bytes.length, LOOP, port));
            try (Socket fromProxy = daveTcp.accept()) {
                fromProxy.setSoTimeout(10_000);
                SipRequest forwarded = (SipRequest) StreamReader.read(fromProxy.getInputStream());
                assertEquals("MESSAGE", forwarded.method());
                assertEquals(2000, forwarded.body().length);
                assertEquals("TCP", forwarded.topVia().transport(), "the transport is named in the Via it used");
                assertEquals(port, forwarded.topVia().sentBy().port());
                fromProxy.getOutputStream().write(answer(forwarded).getBytes(StandardCharsets.UTF_8));
                SipResponse ok = (SipResponse) receive(alice);
                assertEquals(200, ok.status());
                assertEquals("z9hG4bKsock4", ok.topVia().branch());

                // A small request to the same contact goes over UDP, as the contact asks.
                byte[] small = SipWorld.request("MESSAGE", "sip:dave@example.org", 7002, "z9hG4bKsock5",
                        "sip:alice@example.org", "sip:dave@example.org", "s-5", 1, "").getBytes(StandardCharsets.UTF_8);
                alice.send(new DatagramPacket(small, small.length, LOOP, port));
                SipRequest overUdp = (SipRequest) receive(daveUdp);
                assertEquals("UDP", overUdp.topVia().transport());
            }
        }
    }

    @Test
    void contactAskingForTcpGetsTcpAndTheConnectionIsReused() throws Exception {
        try (DatagramSocket alice = new DatagramSocket(0, LOOP);
             ServerSocket erin = new ServerSocket(0, 5, LOOP)) {
            alice.setSoTimeout(10_000);
            erin.setSoTimeout(10_000);
            SipResponse registered = (SipResponse) exchange(alice, SipWorld.register("erin", 7003, "z9hG4bKsock6", 1,
                    "Contact: <sip:erin@127.0.0.1:" + erin.getLocalPort() + ";transport=tcp>\r\n"));
            assertEquals(200, registered.status());
            try (Socket fromProxy = sendAndAccept(alice, erin, "z9hG4bKsock7", "s-7")) {
                SipRequest first = (SipRequest) StreamReader.read(fromProxy.getInputStream());
                assertEquals("TCP", first.topVia().transport());
                fromProxy.getOutputStream().write(answer(first).getBytes(StandardCharsets.UTF_8));
                assertEquals(200, ((SipResponse) receive(alice)).status());
                byte[] second = SipWorld.request("MESSAGE", "sip:erin@example.org", 7003, "z9hG4bKsock8",
                        "sip:alice@example.org", "sip:erin@example.org", "s-8", 1, "").getBytes(StandardCharsets.UTF_8);
                alice.send(new DatagramPacket(second, second.length, LOOP, port));
                SipRequest again = (SipRequest) StreamReader.read(fromProxy.getInputStream());
                assertEquals("s-8", again.callId(), "the second request came on the same connection");
            }
        }
    }

    private static Socket sendAndAccept(DatagramSocket from, ServerSocket target, String branch, String callId) throws Exception {
        byte[] bytes = SipWorld.request("MESSAGE", "sip:erin@example.org", 7003, branch, "sip:alice@example.org",
                "sip:erin@example.org", callId, 1, "").getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, LOOP, port));
        Socket accepted = target.accept();
        accepted.setSoTimeout(10_000);
        return accepted;
    }
}
