package dev.torsion.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAlgorithm;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.Peers;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user-agent core against the registrar and proxy over real UDP sockets. */
class UserAgentSocketTest {
    private static LiveReactor live;
    private static Destination proxy;
    private static UserAgent alice;
    private static UserAgent bob;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        int port = Peers.freePort();
        proxy = new Destination(TransportKind.UDP, "127.0.0.1", port);
        live.call(() -> {
            DigestAuthenticator auth = new DigestAuthenticator(DigestAuthenticator.portal(live.reactor,
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "wonder").addUser("bob", "builder")
                            .addUser("carol", "pw").addUser("erin", "pw2").addUser("dave", "pw3")),
                    "example.org", live.reactor, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), Duration.ofMinutes(5));
            SipServer server = new SipServer(live.reactor, live.reactor, "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), auth);
            server.listenUdp(port, "127.0.0.1");
            server.listenTcp(port, "127.0.0.1");
            alice = new UserAgent(live.reactor, live.reactor, "alice", "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS);
            alice.listenUdp(0, "127.0.0.1");
            bob = new UserAgent(live.reactor, live.reactor, "bob", "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS);
            bob.listenUdp(0, "127.0.0.1");
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    @Test
    void registersThroughASha256ChallengeAndAWrongPasswordFails() throws Exception {
        SipResponse ok = live.await(() -> alice.register(proxy, 300, "wonder"));
        assertEquals(200, ok.status());
        assertEquals("<" + alice.contact() + ">;expires=300", ok.headers().first("Contact"));
        SipFailure refused = assertThrows(SipFailure.class, () -> live.await(() -> bob.register(proxy, 300, "wrong")));
        assertEquals(403, refused.status());
        SipFailure challenged = assertThrows(SipFailure.class, () -> live.await(() -> bob.register(proxy, 300, null)));
        assertEquals(401, challenged.status());
    }

    @Test
    void optionsToTheServer() throws Exception {
        SipResponse ok = live.await(() -> alice.options("sip:example.org", proxy));
        assertEquals(200, ok.status());
        assertTrue(ok.headers().all("Allow").contains("INVITE"));
    }

    @Test
    void aCallToAnAgentThatTakesNoCallsFailsWith486ThroughTheProxy() throws Exception {
        live.await(() -> bob.register(proxy, 300, "builder"));
        SipFailure busy = assertThrows(SipFailure.class, () -> live.await(() ->
                alice.invite("sip:bob@example.org", proxy, UserAgent.audioOffer("127.0.0.1", 4000), "wonder").answered()));
        assertEquals(486, busy.status());
    }

    @Test
    void aCallToNobodyFailsWith480() throws Exception {
        SipFailure none = assertThrows(SipFailure.class, () -> live.await(() ->
                alice.invite("sip:nobody@example.org", proxy, new byte[0], "wonder").answered()));
        assertEquals(480, none.status());
    }

    @Test
    void anInviteFromOurDomainMustProveItsUser() throws Exception {
        SipFailure challenged = assertThrows(SipFailure.class, () -> live.await(() ->
                alice.invite("sip:bob@example.org", proxy, new byte[0]).answered()));
        assertEquals(407, challenged.status());
        assertTrue(challenged.response().headers().first("Proxy-Authenticate").contains("algorithm=SHA-256"));
        SipFailure wrong = assertThrows(SipFailure.class, () -> live.await(() ->
                alice.invite("sip:bob@example.org", proxy, new byte[0], "not-wonder").answered()));
        assertEquals(403, wrong.status());
    }

    private static UserAgent agent(String name, CallAcceptor acceptor) throws Exception {
        return live.call(() -> {
            UserAgent ua = new UserAgent(live.reactor, live.reactor, name, "example.org", "127.0.0.1",
                    SipLimits.DEFAULTS, TimerSettings.DEFAULTS);
            ua.listenUdp(0, "127.0.0.1");
            ua.setCallAcceptor(acceptor);
            return ua;
        });
    }

    @Test
    void aCallThroughTheProxyIsAnsweredAckedAndHungUp() throws Exception {
        UserAgent carol = agent("carol", invite -> Deferred.succeed(UserAgent.audioOffer("127.0.0.1", 5000)));
        live.await(() -> carol.register(proxy, 300, "pw"));
        Call call = live.await(() -> alice.invite("sip:carol@example.org", proxy,
                UserAgent.audioOffer("127.0.0.1", 4000), "wonder").answered());
        assertEquals(CallState.CONFIRMED, call.state());
        IncomingCall taken = live.call(() -> carol.incomingCall(call.callId()));
        live.await(taken::confirmed);
        assertEquals(CallState.CONFIRMED, live.call(taken::state), "the ACK came through the Record-Route");
        assertEquals(200, live.await(call::bye).status());
        live.await(taken::ended);
        assertEquals(CallState.TERMINATED, live.call(taken::state));
    }

    @Test
    void anAgentOverTcpRegistersAndTakesACallFromAUdpCaller() throws Exception {
        UserAgent dave = live.call(() -> {
            UserAgent ua = new UserAgent(live.reactor, live.reactor, "dave", "example.org", "127.0.0.1",
                    SipLimits.DEFAULTS, TimerSettings.DEFAULTS);
            ua.listenTcp(0, "127.0.0.1");
            ua.setContactTransport(TransportKind.TCP);
            ua.setCallAcceptor(invite -> Deferred.succeed(UserAgent.audioOffer("127.0.0.1", 5004)));
            return ua;
        });
        Destination proxyOverTcp = new Destination(TransportKind.TCP, proxy.host(), proxy.port());
        SipResponse registered = live.await(() -> dave.register(proxyOverTcp, 300, "pw3"));
        assertTrue(registered.headers().first("Contact").contains(";transport=tcp"), registered.headers().first("Contact"));
        assertEquals("TCP", registered.topVia().transport(), "the REGISTER went over TCP");
        Call call = live.await(() -> alice.invite("sip:dave@example.org", proxy,
                UserAgent.audioOffer("127.0.0.1", 4004), "wonder").answered());
        IncomingCall taken = live.call(() -> dave.incomingCall(call.callId()));
        assertEquals("TCP", taken.invite().topVia().transport(), "the proxy reached dave's contact over TCP");
        live.await(taken::confirmed);
        assertEquals(200, live.await(call::bye).status());
        live.await(taken::ended);
        assertEquals(CallState.TERMINATED, live.call(taken::state));
    }

    @Test
    void aCallCancelledBeforeTheAnswerEndsWith487() throws Exception {
        Deferred<byte[]> never = new Deferred<>();
        Deferred<Void> reached = new Deferred<>();
        UserAgent erin = agent("erin", invite -> {
            reached.callback(null);
            return never;
        });
        live.await(() -> erin.register(proxy, 300, "pw2"));
        Call call = live.call(() -> alice.invite("sip:erin@example.org", proxy, new byte[0], "wonder"));
        live.await(() -> reached); // past the 407, forked to erin, who rings without answering
        live.call(() -> {
            call.cancel();
            return null;
        });
        SipFailure cancelled = assertThrows(SipFailure.class, () -> live.await(call::answered));
        assertEquals(487, cancelled.status());
        IncomingCall taken = live.call(() -> erin.incomingCall(call.callId()));
        assertEquals(null, taken, "the cancelled call is forgotten");
    }
}
