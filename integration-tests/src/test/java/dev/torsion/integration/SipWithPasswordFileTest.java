package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.defer.Deferred;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.auth.DigestAlgorithm;
import dev.torsion.sip.auth.DigestAuthenticator;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.sip.ua.Call;
import dev.torsion.sip.ua.CallState;
import dev.torsion.sip.ua.SipFailure;
import dev.torsion.sip.ua.UserAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP with cred on one epoll reactor over real UDP sockets: two user agents register through
 * SHA-256 digest checked against a password file (read off the reactor thread by cred's
 * ThreadedChecker), then one calls the other through the proxy (answering its 407 challenge) and
 * hangs up.
 */
class SipWithPasswordFileTest {
    @TempDir
    Path temp;

    private static UserAgent agent(ReactorThread reactor, String user) throws Exception {
        return reactor.call(() -> {
            UserAgent ua = new UserAgent(reactor.reactor(), reactor.reactor(), user, "example.org", "127.0.0.1",
                    SipLimits.DEFAULTS, TimerSettings.DEFAULTS);
            ua.listenUdp(0, "127.0.0.1");
            return ua;
        });
    }

    @Test
    void registeredAgentsCallThroughTheProxy() throws Exception {
        Path passwords = temp.resolve("sip.passwd");
        Files.writeString(passwords, "alice:wonderland\nbob:builder\n");
        try (ReactorThread reactor = ReactorThread.start("epoll")) {
            int port = reactor.call(() -> {
                DigestAuthenticator auth = new DigestAuthenticator(DigestAuthenticator.portal(reactor.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords,
                                new FilePasswordDatabase.Options().allowPlainText(true)), reactor.reactor())),
                        "example.org", reactor.reactor(), List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
                        Duration.ofMinutes(5));
                SipServer server = new SipServer(reactor.reactor(), reactor.reactor(), "example.org", "127.0.0.1",
                        SipLimits.DEFAULTS, TimerSettings.DEFAULTS, new MemoryLocationService(), auth);
                return ReactorThread.portOf(server.listenUdp(0, "127.0.0.1"));
            });
            Destination proxy = new Destination(TransportKind.UDP, "127.0.0.1", port);
            UserAgent alice = agent(reactor, "alice");
            UserAgent bob = agent(reactor, "bob");
            reactor.call(() -> {
                bob.setCallAcceptor(invite -> Deferred.succeed(UserAgent.audioOffer("127.0.0.1", 4000)));
                return null;
            });
            assertEquals(200, reactor.await(() -> alice.register(proxy, 300, "wonderland")).status());
            assertEquals(200, reactor.await(() -> bob.register(proxy, 300, "builder")).status());
            ExecutionException wrong = assertThrows(ExecutionException.class,
                    () -> reactor.await(() -> alice.register(proxy, 300, "rabbit")));
            assertEquals(403, ((SipFailure) wrong.getCause()).status());

            Call call = reactor.await(() -> alice.invite("sip:bob@example.org", proxy,
                    UserAgent.audioOffer("127.0.0.1", 4002), "wonderland").answered());
            assertEquals(CallState.CONFIRMED, call.state());
            assertEquals(200, reactor.await(call::bye).status());
        }
    }
}
