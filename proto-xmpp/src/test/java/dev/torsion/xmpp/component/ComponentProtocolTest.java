package dev.torsion.xmpp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClientException;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.component.ComponentServerFactory;
import dev.torsion.xmpp.server.component.ComponentSession;
import dev.torsion.xmpp.server.component.ComponentSessionState;
import dev.torsion.xmpp.stream.XmlElement;
import dev.torsion.xmpp.support.XmppWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XEP-0114 both sides: our server accepting components, and our component, on memory transports. */
class ComponentProtocolTest {
    static final String COMPONENT_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='echo.example.org'>";
    static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='000000000000000000000000' from='echo.example.org'>";
    /** SHA-1 of "000000000000000000000000" + "s3cret", computed outside Java (Python's hashlib). */
    static final String HANDSHAKE = "e1e49e23db8d8a92172b4d4f3513121706b4ff05";

    private final TestClock clock = new TestClock();
    private final XmppServer server = XmppWire.server(clock);
    private final ComponentServerFactory factory = new ComponentServerFactory(server, Map.of("echo.example.org", "s3cret"), clock);

    /** One component connection to the server. */
    final class ComponentWire {
        final StringTransport transport = new StringTransport();
        final ComponentSession session = (ComponentSession) factory.buildProtocol(null);

        ComponentWire() {
            session.makeConnection(transport);
        }

        ComponentWire send(String text, boolean byteByByte) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (!byteByByte) {
                session.dataReceived(bytes);
            } else {
                for (byte b : bytes) {
                    session.dataReceived(new byte[] {b});
                }
            }
            return this;
        }

        ComponentWire send(String text) {
            return send(text, false);
        }

        String take() {
            String out = transport.valueAsString();
            transport.clear();
            return out;
        }

        ComponentWire accepted() {
            send(COMPONENT_HEADER + "<handshake>" + HANDSHAKE + "</handshake>");
            assertEquals(SERVER_HEADER + "<handshake/>", take());
            return this;
        }
    }

    @Test
    void handshakeIsTheHexSha1OfStreamIdAndSecret() {
        assertEquals(HANDSHAKE, ComponentHandshake.digest("000000000000000000000000", "s3cret".getBytes(StandardCharsets.UTF_8)));
        assertTrue(ComponentHandshake.matches("000000000000000000000000", "s3cret".getBytes(StandardCharsets.UTF_8),
                " " + HANDSHAKE.toUpperCase() + "\n"));
        assertFalse(ComponentHandshake.matches("000000000000000000000000", "s3cret".getBytes(StandardCharsets.UTF_8),
                HANDSHAKE.substring(1)));
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void acceptsAComponentAndRoutesBothWays(boolean byteByByte) {
        ComponentWire component = new ComponentWire();
        component.send(COMPONENT_HEADER, byteByByte);
        assertEquals(SERVER_HEADER, component.take());
        assertEquals(ComponentSessionState.HANDSHAKE_AWAITED, component.session.state());
        component.send("<handshake>" + HANDSHAKE + "</handshake>", byteByByte);
        assertEquals("<handshake/>", component.take());
        assertEquals(ComponentSessionState.ROUTING, component.session.state());
        assertTrue(server.hasRoute("echo.example.org"));

        XmppWire alice = new XmppWire(server, clock).bind("alice", "home");
        alice.send("<message to='bot@echo.example.org' type='chat' id='m1'><body>hi &amp; you</body></message>");
        assertEquals("<message to='bot@echo.example.org' type='chat' id='m1' from='alice@example.org/home'>"
                + "<body>hi &amp; you</body></message>", component.take());
        assertEquals("", alice.take());

        component.send("<message from='bot@echo.example.org' to='alice@example.org/home' type='chat'><body>back</body>"
                + "<x xmlns='urn:example:payload'>kept</x></message>", byteByByte);
        assertEquals("<message from='bot@echo.example.org' to='alice@example.org/home' type='chat'><body>back</body>"
                + "<x xmlns='urn:example:payload'>kept</x></message>", alice.take());

        // An IQ from the component to a bound resource, and its result back.
        component.send("<iq from='echo.example.org' to='alice@example.org/home' type='get' id='q1'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("<iq from='echo.example.org' to='alice@example.org/home' type='get' id='q1'><ping xmlns='urn:xmpp:ping'/></iq>",
                alice.take());
        alice.send("<iq to='echo.example.org' type='result' id='q1'/>");
        assertEquals("<iq to='echo.example.org' type='result' id='q1' from='alice@example.org/home'/>", component.take());

        // To a resource that is not there: the component gets the error (RFC 6121 §8.5.3.2.3).
        component.send("<iq from='echo.example.org' to='alice@example.org/gone' type='get' id='q2'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("<iq type='error' id='q2' from='alice@example.org/gone' to='echo.example.org'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", component.take());

        component.send("</stream:stream>");
        assertEquals("</stream:stream>", component.take());
        assertTrue(component.transport.isDisconnecting());
        assertFalse(server.hasRoute("echo.example.org"));
        alice.send("<message to='bot@echo.example.org' id='m2'><body>anyone?</body></message>");
        assertEquals("<message type='error' id='m2' from='bot@echo.example.org' to='alice@example.org/home'><error type='cancel'>"
                + "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>", alice.take());
    }

    @Test
    void aWrongHandshakeIsNotAuthorized() {
        ComponentWire component = new ComponentWire();
        component.send(COMPONENT_HEADER + "<handshake>" + HANDSHAKE.replace('e', 'f') + "</handshake>");
        assertEquals(SERVER_HEADER + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>", component.take());
        assertTrue(component.transport.isDisconnecting());
        assertFalse(server.hasRoute("echo.example.org"));
    }

    @Test
    void anUnknownDomainIsHostUnknown() {
        ComponentWire component = new ComponentWire();
        component.send(COMPONENT_HEADER.replace("echo.example.org", "other.example.org"));
        assertEquals(SERVER_HEADER.replace("echo.example.org", "other.example.org")
                + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                component.take());
        assertTrue(component.transport.isDisconnecting());
    }

    @Test
    void stanzasBeforeTheHandshakeAreNotAuthorized() {
        ComponentWire component = new ComponentWire();
        component.send(COMPONENT_HEADER + "<message from='echo.example.org' to='alice@example.org'/>");
        assertEquals(SERVER_HEADER + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>", component.take());
    }

    @Test
    void aSecondComponentForTheDomainIsAConflict() {
        new ComponentWire().accepted();
        ComponentWire second = new ComponentWire();
        second.send(COMPONENT_HEADER + "<handshake>" + HANDSHAKE + "</handshake>");
        assertEquals(SERVER_HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>", second.take());
    }

    @Test
    void aComponentSpeaksForItsOwnDomainOnly() {
        ComponentWire component = new ComponentWire().accepted();
        component.send("<message from='alice@example.org/home' to='bob@example.org'><body>spoof</body></message>");
        assertEquals("<stream:error><invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                component.take());
        assertFalse(server.hasRoute("echo.example.org"));
    }

    @Test
    void aStanzaWithoutToIsImproperAddressing() {
        ComponentWire component = new ComponentWire().accepted();
        component.send("<message from='bot@echo.example.org'><body>where?</body></message>");
        assertEquals("<stream:error><improper-addressing xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>", component.take());
    }

    @Test
    void aSilentComponentTimesOutBeforeTheHandshake() {
        ComponentWire component = new ComponentWire();
        component.send(COMPONENT_HEADER);
        component.take();
        clock.advance(Duration.ofSeconds(61));
        assertEquals("<stream:error><connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>", component.take());
    }

    @Test
    void ourComponentConnectsAndEchoes() {
        List<XmlElement> received = new ArrayList<>();
        AtomicReference<XmppComponent> self = new AtomicReference<>();
        XmppComponent component = new XmppComponent("echo.example.org", "s3cret".getBytes(StandardCharsets.UTF_8),
                XmppLimits.DEFAULTS, stanza -> {
                    received.add(stanza);
                    self.get().send(XmlElement.builder(Namespaces.CLIENT, "message").attribute("to", stanza.attribute("from"))
                            .attribute("from", stanza.attribute("to")).attribute("type", "chat")
                            .textChild("body", "echo: " + stanza.child(Namespaces.CLIENT, "body").orElseThrow().text()).build());
                });
        self.set(component);
        IOPump pump = IOPump.connect(factory.buildProtocol(null), component);
        pump.flush();
        assertTrue(component.ready().isCalled());
        assertEquals(XmppComponentState.READY, component.state());

        XmppWire alice = new XmppWire(server, clock).bind("alice", "home");
        alice.send("<message to='bot@echo.example.org' type='chat'><body>ping</body></message>");
        pump.flush();
        assertEquals(1, received.size());
        assertEquals(Namespaces.CLIENT, received.get(0).child(Namespaces.CLIENT, "body").orElseThrow().namespace());
        assertEquals("<message to='alice@example.org/home' from='bot@echo.example.org' type='chat'><body>echo: ping</body></message>",
                alice.take());
        component.close();
        pump.flush();
        assertFalse(server.hasRoute("echo.example.org"));
    }

    @Test
    void ourComponentFailsOnAWrongSecret() {
        XmppComponent component = new XmppComponent("echo.example.org", "wrong".getBytes(StandardCharsets.UTF_8),
                XmppLimits.DEFAULTS, stanza -> { });
        IOPump pump = IOPump.connect(factory.buildProtocol(null), component);
        pump.flush();
        AtomicReference<Object> outcome = new AtomicReference<>();
        component.ready().addBoth((value, failure) -> {
            outcome.set(failure);
            return null;
        });
        assertTrue(outcome.get() instanceof Failure failure && failure.value() instanceof XmppClientException error
                && error.condition().equals("not-authorized"), String.valueOf(outcome.get()));
        assertEquals(XmppComponentState.CLOSED, component.state());
    }
}
