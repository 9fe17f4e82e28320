package dev.torsion.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.torsion.sip.ua.Call;
import dev.torsion.sip.ua.CallState;
import dev.torsion.sip.ua.UserAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar and proxy over real sockets against SIPp (package sip-tester) and sipsak: REGISTER
 * with and without digest, calls from a SIPp UAC to a SIPp UAS through the proxy (INVITE, ACK,
 * BYE), and CANCEL.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SippInteropTest {
    private static final String LOOP = "127.0.0.1";
    private static LiveReactor live;
    private static int port;
    private static int authPort;
    private static SipServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Peers.require(Peers.SIPP);
        Peers.require(Peers.SIPSAK);
        live = new LiveReactor();
        port = Peers.freePort();
        authPort = Peers.freePort();
        live.call(() -> {
            server = new SipServer(live.reactor, live.reactor, "example.org", LOOP, SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            server.listenUdp(port, LOOP);
            server.listenTcp(port, LOOP);
            // SIPp 3.6 and sipsak 0.9.8 answer only the first challenge and know only MD5 of the
            // algorithms (offering SHA-256 first makes both fail): this server offers MD5 alone.
            DigestAuthenticator auth = new DigestAuthenticator(DigestAuthenticator.portal(live.reactor,
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("bob", "s3cret").addUser("alice", "a11ce")
                            .addUser("ivan", "1van")), "example.org", live.reactor,
                    List.of(DigestAlgorithm.MD5), Duration.ofMinutes(5));
            SipServer guarded = new SipServer(live.reactor, live.reactor, "example.org", LOOP, SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), auth);
            guarded.listenUdp(authPort, LOOP);
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    private static List<String> sipp(String scenario, int localPort, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peers.SIPP, "-sf", Peers.scenario(scenario, dir).toString(),
                "-i", LOOP, "-p", Integer.toString(localPort), "-m", "1", "-timeout", "10s", "-timeout_error",
                "-nostdin", "-trace_err"));
        command.addAll(List.of(extra));
        return command;
    }

    @Test
    void sippRegistersWithoutDigest() throws Exception {
        List<String> command = sipp("register.xml", Peers.freePort(), "-s", "alice", "-key", "contactport", "5999",
                LOOP + ":" + port);
        Peers.Result result = Peers.run(command, dir);
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void sippRegistersOverTcp() throws Exception {
        List<String> command = sipp("register.xml", Peers.freePort(), "-s", "tcpuser", "-key", "contactport", "5998",
                "-t", "t1", LOOP + ":" + port);
        Peers.Result result = Peers.run(command, dir);
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void sippRegistersWithDigest() throws Exception {
        List<String> command = sipp("register-auth.xml", Peers.freePort(), "-s", "bob", "-au", "bob", "-ap", "s3cret",
                "-key", "contactport", "5997", LOOP + ":" + authPort);
        Peers.Result result = Peers.run(command, dir);
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void sippWithAWrongPasswordFails() throws Exception {
        List<String> command = sipp("register-auth.xml", Peers.freePort(), "-s", "bob", "-au", "bob", "-ap", "wrong",
                "-key", "contactport", "5996", LOOP + ":" + authPort);
        Peers.Result result = Peers.run(command, dir);
        assertTrue(result.exit() != 0, "a wrong password must not register: " + result.output());
    }

    @Test
    void sipsakOptionsProbe() throws Exception {
        Peers.Result result = Peers.run(List.of(Peers.SIPSAK, "-vv", "-s", "sip:" + LOOP, "-r", Integer.toString(port)), dir);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("200 OK"), result.output());
    }

    @Test
    void sipsakUsrlocRegistersAndReachesItselfThroughTheProxy() throws Exception {
        // sipsak cuts a five-digit port out of a URI: the ports go in -r, never in -s.
        // -U: usrloc mode: REGISTER, then a request to the registered user through the proxy,
        // which must come back to sipsak itself, then the binding is removed.
        Peers.Result result = Peers.run(List.of(Peers.SIPSAK, "-U", "-s", "sip:carol@" + LOOP, "-r",
                Integer.toString(port), "--expires=120", "-vv"), dir);
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void sipsakRegistersWithDigest() throws Exception {
        Peers.Result result = Peers.run(List.of(Peers.SIPSAK, "-U", "-s", "sip:bob@" + LOOP, "-r",
                Integer.toString(authPort), "-u", "bob", "-a", "s3cret", "--expires=120", "-vv"), dir);
        assertEquals(0, result.exit(), result.output());
    }

    /** Registers {@code user} at the UAS's port with SIPp, then runs a UAS and a UAC against each other through the proxy. */
    private static void callThroughProxy(String user, String uacScenario, String uasScenario, int calls) throws Exception {
        callThroughProxy(user, uacScenario, uasScenario, calls, "u1");
    }

    /** As above, SIPp speaking {@code transport} ({@code u1}: UDP, {@code t1}: one TCP connection). */
    private static void callThroughProxy(String user, String uacScenario, String uasScenario, int calls, String transport)
            throws Exception {
        int uasPort = Peers.freePort();
        Peers.Result registered = Peers.run(sipp("register.xml", Peers.freePort(), "-s", user, "-key", "contactport",
                Integer.toString(uasPort) + ";transport=" + (transport.equals("t1") ? "tcp" : "udp"), LOOP + ":" + port), dir);
        assertEquals(0, registered.exit(), registered.output());
        List<String> uas = new ArrayList<>(List.of(Peers.SIPP, "-sf", Peers.scenario(uasScenario, dir).toString(),
                "-i", LOOP, "-p", Integer.toString(uasPort), "-m", Integer.toString(calls), "-timeout", "60s",
                "-timeout_error", "-nostdin", "-trace_err", "-t", transport));
        Process server = Peers.start(uas, dir);
        try {
            List<String> uac = sipp(uacScenario, Peers.freePort(), "-s", user, "-r", "50", "-t", transport,
                    LOOP + ":" + port);
            uac.set(uac.indexOf("-m") + 1, Integer.toString(calls));
            Peers.Result result = Peers.run(uac, dir);
            assertEquals(0, result.exit(), "the UAC had failed calls:\n" + result.output());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the UAS did not finish its calls");
            assertEquals(0, server.exitValue(), "the UAS had failed calls");
        } finally {
            server.destroy();
        }
    }

    @Test
    void sippCallsThroughTheProxyComplete() throws Exception {
        callThroughProxy("bob", "uac.xml", "uas.xml", 100);
        assertEquals(0, live.call(() -> server.proxy().pendingForks()));
    }

    @Test
    void sippCancelThroughTheProxy() throws Exception {
        callThroughProxy("carl", "uac-cancel.xml", "uas-cancel.xml", 5);
    }

    /** Runs SIPp's built-in UAS for {@code calls} calls on {@code uasPort}. */
    private static Process builtInUas(int uasPort, int calls) throws Exception {
        return Peers.start(List.of(Peers.SIPP, "-sn", "uas", "-i", LOOP, "-p", Integer.toString(uasPort), "-m",
                Integer.toString(calls), "-timeout", "60s", "-timeout_error", "-nostdin", "-trace_err"), dir);
    }

    private static UserAgent agent(String user) throws Exception {
        return live.call(() -> {
            UserAgent ua = new UserAgent(live.reactor, live.reactor, user, "example.org", LOOP, SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS);
            ua.listenUdp(0, LOOP);
            return ua;
        });
    }

    /** Places a call, waits for the answer, hangs up; SIPp's UAS must finish with no failed call. */
    private static void callAndHangUp(UserAgent ua, String target, Destination firstHop, Process uas) throws Exception {
        try {
            Call call = live.await(() -> ua.invite(target, firstHop, UserAgent.audioOffer(LOOP, 4000)).answered());
            assertEquals(CallState.CONFIRMED, call.state());
            SipResponse byeAnswer = live.await(call::bye);
            assertEquals(200, byeAnswer.status());
            assertTrue(uas.waitFor(30, TimeUnit.SECONDS), "the UAS did not finish its call");
            assertEquals(0, uas.exitValue(), "the UAS counted a failed call");
        } finally {
            uas.destroy();
        }
    }

    @Test
    void ourUacCallsASippUasDirectly() throws Exception {
        int uasPort = Peers.freePort();
        Process uas = builtInUas(uasPort, 1);
        callAndHangUp(agent("dora"), "sip:service@" + LOOP + ":" + uasPort,
                new Destination(TransportKind.UDP, LOOP, uasPort), uas);
    }

    @Test
    void ourUacCallsASippUasThroughTheProxy() throws Exception {
        int uasPort = Peers.freePort();
        Peers.Result registered = Peers.run(sipp("register.xml", Peers.freePort(), "-s", "eve", "-key", "contactport",
                Integer.toString(uasPort), LOOP + ":" + port), dir);
        assertEquals(0, registered.exit(), registered.output());
        Process uas = Peers.start(List.of(Peers.SIPP, "-sf", Peers.scenario("uas.xml", dir).toString(), "-i", LOOP,
                "-p", Integer.toString(uasPort), "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin",
                "-trace_err"), dir);
        callAndHangUp(agent("frank"), "sip:eve@example.org", new Destination(TransportKind.UDP, LOOP, port), uas);
    }

    private static UserAgent answeringAgent(String user) throws Exception {
        UserAgent ua = agent(user);
        live.call(() -> {
            ua.setCallAcceptor(invite -> Deferred.succeed(UserAgent.audioOffer(LOOP, 4002)));
            return null;
        });
        return ua;
    }

    @Test
    void sippUacCallsOurUserAgentDirectly() throws Exception {
        UserAgent grace = answeringAgent("grace");
        int uaPort = live.call(() -> grace.transport().port(TransportKind.UDP));
        Peers.Result result = Peers.run(List.of(Peers.SIPP, "-sn", "uac", "-s", "grace", "-i", LOOP, "-p",
                Integer.toString(Peers.freePort()), "-m", "5", "-r", "10", "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_err", LOOP + ":" + uaPort), dir);
        assertEquals(0, result.exit(), "SIPp's UAC had failed calls:\n" + result.output());
    }

    @Test
    void sippUacCallsOurUserAgentThroughTheProxy() throws Exception {
        UserAgent heidi = answeringAgent("heidi");
        live.await(() -> heidi.register(new Destination(TransportKind.UDP, LOOP, port), 300, null));
        Peers.Result result = Peers.run(List.of(Peers.SIPP, "-sn", "uac", "-s", "heidi", "-i", LOOP, "-p",
                Integer.toString(Peers.freePort()), "-m", "5", "-r", "10", "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_err", LOOP + ":" + port), dir);
        assertEquals(0, result.exit(), "SIPp's UAC had failed calls:\n" + result.output());
    }

    @Test
    void sippCallsThroughAProxyThatAsksForDigest() throws Exception {
        // The UAS registers with digest, the UAC answers the proxy's 407 with SIPp's digest.
        int uasPort = Peers.freePort();
        Peers.Result registered = Peers.run(sipp("register-auth.xml", Peers.freePort(), "-s", "ivan", "-au", "ivan",
                "-ap", "1van", "-key", "contactport", Integer.toString(uasPort), LOOP + ":" + authPort), dir);
        assertEquals(0, registered.exit(), registered.output());
        Process uas = Peers.start(List.of(Peers.SIPP, "-sf", Peers.scenario("uas.xml", dir).toString(), "-i", LOOP,
                "-p", Integer.toString(uasPort), "-m", "3", "-timeout", "60s", "-timeout_error", "-nostdin",
                "-trace_err"), dir);
        try {
            List<String> uac = sipp("uac-auth.xml", Peers.freePort(), "-s", "ivan", "-au", "alice", "-ap", "a11ce",
                    "-r", "10", LOOP + ":" + authPort);
            uac.set(uac.indexOf("-m") + 1, "3");
            Peers.Result result = Peers.run(uac, dir);
            assertEquals(0, result.exit(), "the UAC had failed calls:\n" + result.output());
            assertTrue(uas.waitFor(30, TimeUnit.SECONDS), "the UAS did not finish its calls");
            assertEquals(0, uas.exitValue(), "the UAS had failed calls");
        } finally {
            uas.destroy();
        }
    }

    @Test
    void sippCallsOverTcpThroughTheProxy() throws Exception {
        callThroughProxy("judy", "uac.xml", "uas.xml", 10, "t1");
    }

    @Test
    void sipsakTracerouteSeesTheProxyAsOneHop() throws Exception {
        // -T: OPTIONS with Max-Forwards 0, 1, ...: the proxy answers 483 at 0 (section 16.3 step 3),
        // then, at 1, the final answer: 480, nobody is registered under that name.
        Peers.Result trace = Peers.run(List.of(Peers.SIPSAK, "-T", "-s", "sip:nobody@" + LOOP, "-r",
                Integer.toString(port), "-vv"), dir);
        String out = trace.output();
        int zero = out.indexOf("Max-Forwards set to 0");
        int one = out.indexOf("Max-Forwards set to 1");
        assertTrue(zero >= 0 && one > zero, out);
        assertTrue(out.substring(zero, one).contains("SIP/2.0 483 Too Many Hops"), out);
        assertTrue(out.substring(one).contains("SIP/2.0 480 Temporarily Unavailable"), out);
    }
}
