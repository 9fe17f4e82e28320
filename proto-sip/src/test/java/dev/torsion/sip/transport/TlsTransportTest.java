package dev.torsion.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.Peers;
import dev.torsion.sip.support.SipWorld;
import dev.torsion.sip.support.StreamReader;
import dev.torsion.sip.transaction.TimerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIP over TLS (RFC 3261 section 26.2.1): the server's TLS listener, a JDK TLS client verifying it. */
class TlsTransportTest {
    private static LiveReactor live;
    private static int port;
    private static int proxyPort;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        for (String name : new String[] {"ca.pem", "server.pem", "server-key.pem"}) {
            try (InputStream in = TlsTransportTest.class.getResourceAsStream("/dev/torsion/sip/tls/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        live = new LiveReactor();
        port = Peers.freePort();
        live.call(() -> {
            SipServer server = new SipServer(live.reactor, live.reactor, "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            server.listenTls(port, TlsContexts.serverOptions(dir.resolve("server-key.pem"), dir.resolve("server.pem"),
                    null, null), "127.0.0.1");
            // A second server in front, forwarding to the first over TLS and verifying its certificate.
            SipServer front = new SipServer(live.reactor, live.reactor, "front.example", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            front.transport().setClientTls(host -> {
                try {
                    return TlsContexts.clientOptions(host, dir.resolve("ca.pem"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            proxyPort = Peers.freePort();
            front.listenUdp(proxyPort, "127.0.0.1");
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    private static SSLContext trustingTestCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(dir.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void optionsOverTlsIsAnsweredOnTheSameConnection() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingTestCa().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            String options = SipWorld.request("OPTIONS", "sips:example.org", 7100, "z9hG4bKtls1", "sip:a@example.org",
                    "sips:example.org", "tls-1", 1, "").replace("SIP/2.0/UDP", "SIP/2.0/TLS");
            socket.getOutputStream().write(options.getBytes(StandardCharsets.UTF_8));
            SipResponse ok = (SipResponse) StreamReader.read(socket.getInputStream());
            assertEquals(200, ok.status());
            assertEquals("TLS", ok.topVia().transport());
            assertEquals("z9hG4bKtls1", ok.topVia().branch());
        }
    }

    @Test
    void theProxyForwardsToATlsTargetOverTls() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(15_000);
            // The target is the TLS server itself: it answers 480 (nobody registered there), which only
            // it can say, and the answer comes back through the front proxy.
            byte[] message = SipWorld.request("MESSAGE", "sip:nobody@127.0.0.1:" + port + ";transport=tls", 7101,
                    "z9hG4bKtls2", "sip:a@front.example", "sip:nobody@example.org", "tls-2", 1, "")
                    .getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), proxyPort));
            DatagramPacket reply = new DatagramPacket(new byte[8192], 8192);
            phone.receive(reply);
            SipResponse answer = (SipResponse) SipDatagramParser.parse(
                    Arrays.copyOf(reply.getData(), reply.getLength()), SipLimits.DEFAULTS);
            assertEquals(480, answer.status());
            assertEquals("z9hG4bKtls2", answer.topVia().branch());
        }
    }
}
