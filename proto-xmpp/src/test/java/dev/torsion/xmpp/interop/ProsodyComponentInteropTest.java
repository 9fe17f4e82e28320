package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClient;
import dev.torsion.xmpp.client.XmppClientConfig;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.client.XmppClientListener;
import dev.torsion.xmpp.component.XmppComponent;
import dev.torsion.xmpp.component.XmppComponentState;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.support.TlsFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our component (XEP-0114) against Prosody (the Debian package, in the foreground with a private
 * config on loopback, {@code Component "echo.localhost"} with a secret): a wrong secret is refused
 * with {@code <not-authorized/>}, the right one is accepted, and a message from one of our clients
 * logged in to Prosody reaches the component and its echo comes back.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ProsodyComponentInteropTest {
    private static final String PROSODY = "/usr/bin/prosody";

    @TempDir
    static Path temp;
    static Process prosody;
    static int port;
    static int componentPort;
    static TlsFixture tls;
    static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(PROSODY);
        tls = new TlsFixture(temp);
        port = freePort();
        componentPort = freePort();
        Path data = temp.resolve("data");
        Files.createDirectories(data.resolve("localhost/accounts"));
        Files.writeString(data.resolve("localhost/accounts/alice.dat"), "return {\n\t[\"password\"] = \"secret\";\n};\n");
        Path config = temp.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n",
                "daemonize = false", "run_as_root = true",
                "pidfile = \"" + temp.resolve("prosody.pid") + "\"",
                "data_path = \"" + data + "\"",
                "certificates = \"" + temp + "\"",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"disco\"; \"ping\"; \"presence\"; \"message\"; \"posix\" }",
                "modules_disabled = { \"s2s\" }",
                "c2s_ports = { " + port + " }", "c2s_interfaces = { \"127.0.0.1\" }",
                "component_ports = { " + componentPort + " }", "component_interfaces = { \"127.0.0.1\" }",
                "s2s_ports = { }", "http_ports = { }", "https_ports = { }", "c2s_direct_tls_ports = { }",
                "authentication = \"internal_plain\"", "c2s_require_encryption = true",
                "log = { { levels = { min = \"info\" }, to = \"console\" } }",
                "ssl = { key = \"" + tls.directory.resolve("server-key.pem") + "\"; certificate = \""
                        + tls.directory.resolve("server.pem") + "\" }",
                "VirtualHost \"localhost\"",
                "Component \"echo.localhost\"", "    component_secret = \"s3cret\"", ""));
        prosody = new ProcessBuilder(PROSODY, "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("prosody.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        awaitPort(port);
        awaitPort(componentPort);
        live = new LiveReactor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int which) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", which)) {
                return;
            } catch (IOException notYet) {
                assertTrue(prosody.isAlive(), () -> "prosody exited: " + log());
                prosody.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("prosody did not listen on " + which + ": " + log());
    }

    private static String log() {
        try {
            return Files.readString(temp.resolve("prosody.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (prosody != null) {
            prosody.destroy();
            if (!prosody.waitFor(10, TimeUnit.SECONDS)) {
                prosody.destroyForcibly();
            }
        }
    }

    private XmppComponent connectComponent(String secret, BlockingQueue<XmlElement> received) throws Exception {
        AtomicReference<XmppComponent> self = new AtomicReference<>();
        XmppComponent component = new XmppComponent("echo.localhost", secret.getBytes(StandardCharsets.UTF_8), XmppLimits.DEFAULTS,
                stanza -> {
                    received.add(stanza);
                    if (stanza.name().equals("message") && stanza.child(Namespaces.CLIENT, "body").isPresent()) {
                        self.get().send(XmlElement.builder(Namespaces.CLIENT, "message").attribute("from", stanza.attribute("to"))
                                .attribute("to", stanza.attribute("from")).attribute("type", "chat")
                                .textChild("body", "echo: " + stanza.child(Namespaces.CLIENT, "body").orElseThrow().text()).build());
                    }
                });
        self.set(component);
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + componentPort).connect(address -> component));
        return component;
    }

    @Test
    void ourComponentIsAcceptedByProsodyAndEchoesItsClients() throws Exception {
        BlockingQueue<XmlElement> ignored = new LinkedBlockingQueue<>();
        XmppComponent wrong = connectComponent("not the secret", ignored);
        XmppClientException refused = null;
        try {
            live.await(wrong::ready);
        } catch (XmppClientException e) {
            refused = e;
        }
        assertNotNull(refused, "Prosody accepted a wrong secret");
        assertEquals("not-authorized", refused.condition());

        BlockingQueue<XmlElement> received = new LinkedBlockingQueue<>();
        XmppComponent component = connectComponent("s3cret", received);
        live.await(component::ready);
        assertEquals(XmppComponentState.READY, component.state());

        BlockingQueue<XmlElement> aliceMessages = new LinkedBlockingQueue<>();
        XmppClient alice = new XmppClient(XmppClientConfig.of(Jid.parse("alice@localhost/torsion"), "secret".getBytes(StandardCharsets.UTF_8),
                TlsOptions.client(tls.clientContext, "localhost")), new XmppClientListener() {
                    @Override
                    public void messageReceived(XmlElement message) {
                        aliceMessages.add(message);
                    }
                });
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port).connect(address -> alice));
        live.await(alice::ready);
        live.call(() -> {
            alice.sendMessage(Jid.parse("bot@echo.localhost"), "hello \u00e9 <&>");
            return null;
        });
        XmlElement got = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(got, "the component got nothing: " + log());
        assertEquals("alice@localhost/torsion", got.attribute("from"));
        assertEquals("bot@echo.localhost", got.attribute("to"));
        assertEquals("hello \u00e9 <&>", got.child(Namespaces.CLIENT, "body").orElseThrow().text());
        XmlElement echo = aliceMessages.poll(20, TimeUnit.SECONDS);
        assertNotNull(echo, "no echo came back: " + log());
        assertEquals("bot@echo.localhost", echo.attribute("from"));
        assertEquals("echo: hello \u00e9 <&>", echo.child(Namespaces.CLIENT, "body").orElseThrow().text());
        live.call(() -> {
            alice.close();
            component.close();
            return null;
        });
        List.of(wrong, component).forEach(c -> assertEquals(XmppComponentState.CLOSED, c.state()));
    }
}
