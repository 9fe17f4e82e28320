package dev.torsion.socks.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.defer.CancelledError;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.support.Logins;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code socks5:} and {@code socks4a:} endpoint strings through our own SOCKS server on a real
 * reactor to an echo server: names resolved by the proxy, a login, refusals as failed Deferreds.
 */
class SocksClientEndpointTest {
    private static LiveReactor live;
    private static final List<ListeningPort> ports = new ArrayList<>();
    private static int echo;
    private static int socks;
    private static int guarded;

    /** Echoes in upper case, so the answer proves the bytes went through the destination. */
    static final class UpperEcho extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(new String(data, StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Sends a greeting on connection and collects what comes back. */
    static final class Greeter extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deferred<String> answer = new Deferred<>();
        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void connectionMade() {
            transport().write(greeting.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
            if (received.size() >= greeting.length() && !answer.isCalled()) {
                answer.callback(received.toString(StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        echo = listen(address -> new UpperEcho());
        socks = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), null));
        guarded = listen(SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), new Logins().portal));
    }

    private static int listen(ProtocolFactory factory) throws Exception {
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        ports.add(port);
        return ((IPAddress) port.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            for (ListeningPort port : ports) {
                live.await(port::stopListening);
            }
            live.close();
        }
    }

    static String through(String description, String greeting) throws Exception {
        return through(live, description, greeting);
    }

    /** Connects a greeter through {@code description} on {@code reactor} and returns what came back. */
    static String through(LiveReactor reactor, String description, String greeting) throws Exception {
        Greeter greeter = new Greeter(greeting);
        return reactor.await(() -> {
            ClientEndpoint endpoint = Endpoints.clientFromString(reactor.reactor, description);
            return Endpoints.connectProtocol(endpoint, greeter).addCallbackDeferred(p -> greeter.answer);
        });
    }

    @Test
    void socks5ByName() throws Exception {
        assertEquals("HELLO", through("socks5:127.0.0.1:" + socks + ":tcp:localhost:" + echo, "hello"));
    }

    @Test
    void socks5WithLogin() throws Exception {
        assertEquals("SECRET", through("socks5:127.0.0.1:" + guarded + ":tcp:127.0.0.1:" + echo + ":user=alice:password=s3cret", "secret"));
    }

    @Test
    void socks4aByName() throws Exception {
        assertEquals("FOUR", through("socks4a:127.0.0.1:" + socks + ":tcp:localhost:" + echo, "four"));
    }

    @Test
    void refusalsFailTheDeferred() {
        SocksConnectError wrong = assertThrows(SocksConnectError.class,
                () -> through("socks5:127.0.0.1:" + guarded + ":tcp:127.0.0.1:" + echo + ":user=alice:password=nope", "x"));
        assertEquals(1, wrong.reply());
        SocksConnectError noLogin = assertThrows(SocksConnectError.class,
                () -> through("socks5:127.0.0.1:" + guarded + ":tcp:127.0.0.1:" + echo, "x"));
        assertEquals(-1, noLogin.reply());
        SocksConnectError refused = assertThrows(SocksConnectError.class, () -> through("socks5:127.0.0.1:" + socks + ":tcp:127.0.0.1:1", "x"));
        assertEquals(5, refused.reply());
    }

    /** Accepts and never answers: a proxy stuck in the handshake. */
    static final class Silent extends Protocol {
        final Deferred<Void> lost = new Deferred<>();

        @Override
        public void connectionLost(Failure reason) {
            lost.callback(null);
        }
    }

    @Test
    void cancellingDuringTheHandshakeClosesTheConnection() throws Exception {
        Silent silent = new Silent();
        int stuck = listen(address -> silent);
        Void closed = live.await(() -> {
            Deferred<Protocol> attempt = Endpoints.clientFromString(live.reactor, "socks5:127.0.0.1:" + stuck + ":tcp:localhost:80")
                    .connect(address -> new Greeter("x"));
            Deferred<Void> done = new Deferred<>();
            live.reactor.callLater(Duration.ofMillis(200), () -> {
                attempt.addErrback(failure -> {
                    failure.trap(CancelledError.class);
                    done.callback(null);
                    return null;
                });
                attempt.cancel();
            });
            return done.addCallbackDeferred(ignored -> silent.lost);
        });
        assertEquals(null, closed, "the proxy saw the connection close");
    }

    @Test
    void badStrings() {
        for (String bad : List.of("socks5:127.0.0.1:1080", "socks5:127.0.0.1:1080:unix:/x:1", "socks5:h:0:tcp:h:1",
                "socks5:h:1080:tcp:h:80:password=x", "socks4a:h:1080:tcp:h:80:user=u:password=p", "socks5:h:1080:tcp:h:80:colour=red")) {
            assertThrows(IllegalArgumentException.class, () -> Endpoints.clientFromString(live.reactor, bad), bad);
        }
    }
}
