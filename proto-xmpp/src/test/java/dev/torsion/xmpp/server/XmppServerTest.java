package dev.torsion.xmpp.server;

import static dev.torsion.xmpp.support.XmppWire.BIND_FEATURES;
import static dev.torsion.xmpp.support.XmppWire.CLIENT_HEADER;
import static dev.torsion.xmpp.support.XmppWire.SASL_FEATURES;
import static dev.torsion.xmpp.support.XmppWire.SERVER_HEADER;
import static dev.torsion.xmpp.support.XmppWire.TLS_FEATURES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.testing.TestClock;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.sasl.ScramAlgorithm;
import dev.torsion.xmpp.sasl.ScramClient;
import dev.torsion.xmpp.server.offline.MemoryOfflineStore;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.support.XmppWire;
import dev.torsion.xmpp.support.ZeroRandom;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmppServerTest {
    private final TestClock clock = new TestClock();
    private final XmppServer server = XmppWire.server(clock);

    private XmppWire wire() {
        return new XmppWire(server, clock);
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void negotiatesTlsSaslPlainAndBinding(boolean byteByByte) {
        XmppWire wire = wire();
        wire.send(CLIENT_HEADER, byteByByte);
        assertEquals(SERVER_HEADER + TLS_FEATURES, wire.take());
        assertEquals(XmppSessionState.TLS_OFFERED, wire.session.state());
        wire.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", byteByByte);
        assertEquals("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", wire.take());
        assertNotNull(wire.transport.tlsOptions(), "TLS was not started");
        wire.send(CLIENT_HEADER, byteByByte);
        assertEquals(SERVER_HEADER + SASL_FEATURES, wire.take());
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("alice", "secret")
                + "</auth>", byteByByte);
        assertEquals("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", wire.take());
        assertEquals(XmppSessionState.AUTHENTICATED, wire.session.state());
        wire.send(CLIENT_HEADER, byteByByte);
        assertEquals(SERVER_HEADER + BIND_FEATURES, wire.take());
        wire.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>home</resource></bind></iq>",
                byteByByte);
        assertEquals("<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.org/home</jid>"
                + "</bind></iq>", wire.take());
        assertEquals(XmppSessionState.BOUND, wire.session.state());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void logsInWithScram(String mechanism) throws Exception {
        XmppWire wire = wire().startTls();
        ScramClient client = new ScramClient(ScramAlgorithm.forMechanism(mechanism), "bob", "secret".getBytes(StandardCharsets.UTF_8),
                new SecureRandom());
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='" + mechanism + "'>"
                + Base64.getEncoder().encodeToString(client.clientFirst()) + "</auth>");
        String challenge = between(wire.take(), "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>", "</challenge>");
        byte[] serverFirst = Base64.getDecoder().decode(challenge);
        assertTrue(new String(serverFirst, StandardCharsets.UTF_8).endsWith(",i=4096"));
        wire.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + Base64.getEncoder().encodeToString(client.clientFinal(serverFirst)) + "</response>");
        String success = between(wire.take(), "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>", "</success>");
        assertTrue(client.verifyServerFinal(Base64.getDecoder().decode(success)), "server signature");
        assertEquals(XmppSessionState.AUTHENTICATED, wire.session.state());
    }

    @Test
    void scramWithoutInitialResponseGetsAnEmptyChallenge() {
        XmppWire wire = wire().startTls();
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'/>");
        assertEquals("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", wire.take());
        assertEquals(XmppSessionState.AUTHENTICATING, wire.session.state());
        wire.send("<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><aborted/></failure>", wire.take());
        assertEquals(XmppSessionState.AUTH_OFFERED, wire.session.state());
    }

    @Test
    void wrongPasswordsFailThenEndTheStream() {
        XmppWire wire = wire().startTls();
        for (int i = 0; i < 2; i++) {
            wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("alice", "wrong") + "</auth>");
            assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>", wire.take());
        }
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("alice", "wrong") + "</auth>");
        assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>"
                + "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>", wire.take());
        assertTrue(wire.closed());
    }

    @Test
    void saslBeforeTlsIsRefusedAndPlainNeedsTls() {
        XmppWire wire = wire();
        wire.send(CLIENT_HEADER);
        wire.take();
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("alice", "secret") + "</auth>");
        assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><encryption-required/></failure>", wire.take());
        XmppServer optional = new XmppServer(XmppWire.config(new MemoryRosterStore())
                .withRequireTls(false), clock);
        XmppWire plaintext = new XmppWire(optional, clock);
        plaintext.send(CLIENT_HEADER);
        assertEquals(SERVER_HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-256</mechanism>"
                + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>", plaintext.take());
        plaintext.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("alice", "secret") + "</auth>");
        assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><encryption-required/></failure>", plaintext.take());
    }

    @Test
    void plaintextPipelinedAfterStarttlsIsDropped() {
        XmppWire wire = wire();
        wire.send(CLIENT_HEADER);
        wire.take();
        wire.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' "
                + "mechanism='PLAIN'>" + XmppWire.plain("alice", "secret") + "</auth>");
        assertEquals("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", wire.take());
        assertEquals(XmppSessionState.CONNECTED, wire.session.state());
        wire.send(CLIENT_HEADER);
        assertEquals(SERVER_HEADER + SASL_FEATURES, wire.take());
    }

    @Test
    void generatesAResourceAndEndsAnOlderSessionOfTheSameResource() {
        XmppWire first = wire().bind("alice", "phone");
        XmppWire generated = wire().authenticate("alice");
        generated.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        assertEquals("<iq type='result' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<jid>alice@example.org/torsion-0000000000000000</jid></bind></iq>", generated.take());
        XmppWire second = wire().bind("alice", "phone");
        assertEquals("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                first.take());
        assertTrue(first.closed());
        assertFalse(second.closed());
    }

    @Test
    void answersPingDiscoAndUnknownNamespaces() {
        XmppWire wire = wire().bind("alice", "home");
        wire.send("<iq type='get' id='p1' to='example.org'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("<iq type='result' id='p1' from='example.org' to='alice@example.org/home'/>", wire.take());
        wire.send("<iq type='get' id='d1' to='example.org'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertEquals("<iq type='result' id='d1' from='example.org' to='alice@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im' name='Torsion'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/><feature var='http://jabber.org/protocol/disco#items'/>"
                + "<feature var='urn:xmpp:ping'/><feature var='jabber:iq:roster'/><feature var='msgoffline'/></query></iq>", wire.take());
        wire.send("<iq type='get' id='d2' to='example.org'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertEquals("<iq type='result' id='d2' from='example.org' to='alice@example.org/home'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>", wire.take());
        wire.send("<iq type='get' id='u1'><query xmlns='jabber:iq:version'/></iq>");
        assertEquals("<iq type='error' id='u1' from='example.org' to='alice@example.org/home'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", wire.take());
        wire.send("<iq type='get' id='u2'/>");
        assertEquals("<iq type='error' id='u2' from='example.org' to='alice@example.org/home'><error type='modify'>"
                + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", wire.take());
        wire.send("<iq type='get' id='r1' to='elsewhere.example'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("<iq type='error' id='r1' from='elsewhere.example' to='alice@example.org/home'><error type='cancel'>"
                + "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>", wire.take());
    }

    @Test
    void routesMessagesToFullAndBareJidsAndStoresThemOffline() {
        XmppWire alice = wire().bind("alice", "home");
        XmppWire bobPhone = wire().bind("bob", "phone");
        XmppWire bobDesk = wire().bind("bob", "desk");
        // Offline for bob: nothing available yet, so the message is stored (XEP-0160).
        alice.send("<message to='bob@example.org' type='chat' id='m1'><body>first</body></message>");
        assertEquals("", bobPhone.take() + bobDesk.take());
        assertEquals(1, ((MemoryOfflineStore) server.config().offline()).count("bob"));
        bobPhone.send("<presence/>");
        assertEquals("<message to='bob@example.org' type='chat' id='m1' from='alice@example.org/home'><body>first</body>"
                + "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2026-12-05T23:00:00Z'>Offline Storage</delay></message>",
                bobPhone.take());
        assertEquals(0, ((MemoryOfflineStore) server.config().offline()).count("bob"));
        // To the bare JID: every available resource with priority >= 0 (RFC 6121 §8.5.2.1.1).
        bobDesk.send("<presence><priority>-1</priority></presence>");
        assertEquals("<presence from='bob@example.org/phone' to='bob@example.org/desk'/>", bobDesk.take());
        assertEquals("<presence from='bob@example.org/desk' to='bob@example.org/phone'><priority>-1</priority></presence>",
                bobPhone.take());
        alice.send("<message to='bob@example.org' type='chat'><body>bare</body></message>");
        assertEquals("<message to='bob@example.org' type='chat' from='alice@example.org/home'><body>bare</body></message>", bobPhone.take());
        assertEquals("", bobDesk.take());
        // To a full JID: that resource only, even at a negative priority.
        alice.send("<message to='bob@example.org/desk'><body>full</body></message>");
        assertEquals("<message to='bob@example.org/desk' from='alice@example.org/home'><body>full</body></message>", bobDesk.take());
        assertEquals("", bobPhone.take());
        // To a resource that is gone: as to the bare JID.
        alice.send("<message to='bob@example.org/gone'><body>gone</body></message>");
        assertTrue(bobPhone.take().contains("<body>gone</body>"));
        alice.send("<message to='bob@elsewhere.example'><body>x</body></message>");
        assertTrue(alice.take().contains("<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
    }

    @Test
    void iqToAFullJidIsRoutedAndToAMissingResourceBounced() {
        XmppWire alice = wire().bind("alice", "home");
        XmppWire bob = wire().bind("bob", "phone");
        alice.send("<iq type='get' id='v1' to='bob@example.org/phone'><query xmlns='jabber:iq:version'/></iq>");
        assertEquals("<iq type='get' id='v1' to='bob@example.org/phone' from='alice@example.org/home'>"
                + "<query xmlns='jabber:iq:version'/></iq>", bob.take());
        bob.send("<iq type='result' id='v1' to='alice@example.org/home'><query xmlns='jabber:iq:version'><name>x</name></query></iq>");
        assertEquals("<iq type='result' id='v1' to='alice@example.org/home' from='bob@example.org/phone'>"
                + "<query xmlns='jabber:iq:version'><name>x</name></query></iq>", alice.take());
        alice.send("<iq type='get' id='v2' to='bob@example.org/none'><query xmlns='jabber:iq:version'/></iq>");
        assertTrue(alice.take().contains("<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
    }

    @Test
    void rosterGetSetPushAndRemove() {
        XmppWire phone = wire().bind("alice", "phone");
        XmppWire desk = wire().bind("alice", "desk");
        phone.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        assertEquals("<iq type='result' id='r1' to='alice@example.org/phone'><query xmlns='jabber:iq:roster'/></iq>", phone.take());
        desk.send("<iq type='get' id='r0'><query xmlns='jabber:iq:roster'/></iq>");
        desk.take();
        phone.send("<iq type='set' id='r2'><query xmlns='jabber:iq:roster'><item jid='Bob@Example.org' name='Bob'>"
                + "<group>Friends</group></item></query></iq>");
        String item = "<item jid='bob@example.org' name='Bob' subscription='none'><group>Friends</group></item>";
        assertEquals("<iq type='result' id='r2' to='alice@example.org/phone'/>"
                + "<iq type='set' id='push1' to='alice@example.org/phone'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>",
                phone.take());
        assertEquals("<iq type='set' id='push2' to='alice@example.org/desk'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>",
                desk.take());
        phone.send("<iq type='get' id='r3'><query xmlns='jabber:iq:roster'/></iq>");
        assertEquals("<iq type='result' id='r3' to='alice@example.org/phone'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>",
                phone.take());
        phone.send("<iq type='set' id='r4'><query xmlns='jabber:iq:roster'><item jid='x@example.org'><group/></item></query></iq>");
        assertTrue(phone.take().contains("<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
        phone.send("<iq type='set' id='r5'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' subscription='remove'/>"
                + "</query></iq>");
        assertEquals("<iq type='result' id='r5' to='alice@example.org/phone'/>"
                + "<iq type='set' id='push3' to='alice@example.org/phone'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.org' subscription='remove'/></query></iq>", phone.take());
        phone.send("<iq type='set' id='r6'><query xmlns='jabber:iq:roster'><item jid='bob@example.org' subscription='remove'/>"
                + "</query></iq>");
        assertTrue(phone.take().contains("<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
    }

    @Test
    void subscriptionHandshakeAndPresenceBroadcast() {
        XmppWire alice = wire().bind("alice", "home");
        XmppWire bob = wire().bind("bob", "phone");
        for (XmppWire w : new XmppWire[] {alice, bob}) {
            w.send("<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>");
            w.send("<presence/>");
            w.take();
        }
        alice.send("<presence to='bob@example.org' type='subscribe'/>");
        assertEquals("<iq type='set' id='push1' to='alice@example.org/home'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.org' subscription='none' ask='subscribe'/></query></iq>", alice.take());
        assertEquals("<presence type='subscribe' from='alice@example.org' to='bob@example.org'/>", bob.take());
        bob.send("<presence to='alice@example.org' type='subscribed'/>");
        assertEquals("<iq type='set' id='push2' to='bob@example.org/phone'><query xmlns='jabber:iq:roster'>"
                + "<item jid='alice@example.org' subscription='from'/></query></iq>", bob.take());
        assertEquals("<iq type='set' id='push3' to='alice@example.org/home'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.org' subscription='to'/></query></iq>"
                + "<presence type='subscribed' from='bob@example.org' to='alice@example.org'/>"
                + "<presence from='bob@example.org/phone' to='alice@example.org'/>", alice.take());
        // Broadcast: bob's new presence reaches alice, alice's does not reach bob (no subscription that way).
        bob.send("<presence><show>away</show></presence>");
        assertEquals("<presence from='bob@example.org/phone' to='alice@example.org'><show>away</show></presence>", alice.take());
        alice.send("<presence><show>dnd</show></presence>");
        assertEquals("", bob.take());
        // Logging out sends unavailable to the subscribers.
        bob.session.connectionLost(null);
        assertEquals("<presence type='unavailable' from='bob@example.org/phone' to='alice@example.org'/>", alice.take());
        Subscriptions.assertRoster(server, "alice", "bob@example.org", "to");
        Subscriptions.assertRoster(server, "bob", "alice@example.org", "from");
    }

    @Test
    void aSubscriptionRequestToAnOfflineUserWaitsForItsLogin() {
        XmppWire alice = wire().bind("alice", "home");
        alice.send("<presence to='carol@example.org' type='subscribe'/>");
        alice.take();
        XmppWire carol = wire().bind("carol", "pc");
        carol.send("<presence/>");
        assertEquals("<presence type='subscribe' from='alice@example.org' to='carol@example.org'/>", carol.take());
    }

    @Test
    void registersInBandThenLogsIn() {
        RegisteredAccounts accounts = new RegisteredAccounts().add("alice", "secret");
        XmppServerConfig config = new XmppServerConfig(XmppWire.DOMAIN, XmppWire.tls(), true,
                new Portal(new XmppRealm(), accounts), XmppLimits.DEFAULTS, new MemoryRosterStore(), new ZeroRandom(), Clock.systemUTC())
                .withRegistration(accounts);
        XmppServer registering = new XmppServer(config, clock);
        XmppWire wire = new XmppWire(registering, clock);
        wire.send(CLIENT_HEADER);
        assertEquals(SERVER_HEADER + TLS_FEATURES, wire.take());
        wire.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        wire.take();
        wire.send(CLIENT_HEADER);
        assertEquals(SERVER_HEADER + SASL_FEATURES.replace("</mechanisms>",
                "</mechanisms><register xmlns='http://jabber.org/features/iq-register'/>"), wire.take());
        wire.send("<iq type='get' id='g'><query xmlns='jabber:iq:register'/></iq>");
        assertEquals("<iq type='result' id='g'><query xmlns='jabber:iq:register'><instructions>Choose a user name and a password."
                + "</instructions><username/><password/></query></iq>", wire.take());
        wire.send("<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>alice</username><password>x</password></query></iq>");
        assertTrue(wire.take().contains("<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
        wire.send("<iq type='set' id='r2'><query xmlns='jabber:iq:register'><username>dora</username></query></iq>");
        assertTrue(wire.take().contains("<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
        wire.send("<iq type='set' id='r3'><query xmlns='jabber:iq:register'><username>dora</username><password>p4ss</password></query></iq>");
        assertEquals("<iq type='result' id='r3'/>", wire.take());
        wire.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + XmppWire.plain("dora", "p4ss") + "</auth>");
        assertEquals("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", wire.take());
        wire.send(CLIENT_HEADER);
        wire.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>r</resource></bind></iq>");
        wire.take();
        // XEP-0077 §3.2: cancelling removes the account and ends its streams.
        wire.send("<iq type='set' id='x'><query xmlns='jabber:iq:register'><remove/></query></iq>");
        assertEquals("<iq type='result' id='x' to='dora@example.org/r'/>"
                + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>", wire.take());
        assertFalse(accounts.remove("dora"));
    }

    @Test
    void negotiationTimesOut() {
        XmppWire wire = wire();
        wire.send(CLIENT_HEADER);
        wire.take();
        clock.advance(Duration.ofSeconds(59));
        assertFalse(wire.closed());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("<stream:error><connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
                wire.take());
        assertTrue(wire.closed());
    }

    @Test
    void closingTagIsAnsweredWithOurs() {
        XmppWire wire = wire().bind("alice", "home");
        wire.send("</stream:stream>");
        assertEquals("</stream:stream>", wire.take());
        assertTrue(wire.closed());
        assertNull(server.session(wire.session.jid()));
    }

    private static String between(String text, String start, String end) {
        Matcher matcher = Pattern.compile(Pattern.quote(start) + "(.*)" + Pattern.quote(end)).matcher(text);
        assertTrue(matcher.find(), () -> "no " + start + " in " + text);
        return matcher.group(1);
    }
}
