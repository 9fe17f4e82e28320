package dev.torsion.xmpp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.LiveReactor;
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
import dev.torsion.xmpp.support.ProsodyFixture;
import java.nio.charset.StandardCharsets;
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
    @TempDir
    static Path temp;
    static ProsodyFixture prosody;
    static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        prosody = ProsodyFixture.start(temp, List.of("alice"), new ProsodyFixture.Component("echo.localhost", "s3cret"));
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (prosody != null) {
            prosody.close();
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
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + prosody.componentPort).connect(address -> component));
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
                TlsOptions.client(prosody.tls.clientContext, "localhost")), new XmppClientListener() {
                    @Override
                    public void messageReceived(XmlElement message) {
                        aliceMessages.add(message);
                    }
                });
        live.await(() -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + prosody.port).connect(address -> alice));
        live.await(alice::ready);
        live.call(() -> {
            alice.sendMessage(Jid.parse("bot@echo.localhost"), "hello \u00e9 <&>");
            return null;
        });
        XmlElement got = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(got, "the component got nothing: " + prosody.log());
        assertEquals("alice@localhost/torsion", got.attribute("from"));
        assertEquals("bot@echo.localhost", got.attribute("to"));
        assertEquals("hello \u00e9 <&>", got.child(Namespaces.CLIENT, "body").orElseThrow().text());
        XmlElement echo = aliceMessages.poll(20, TimeUnit.SECONDS);
        assertNotNull(echo, "no echo came back: " + prosody.log());
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
