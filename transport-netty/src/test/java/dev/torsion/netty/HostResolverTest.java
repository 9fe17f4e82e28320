package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.HostResolver;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.error.DNSLookupError;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** connectTCP asks the installed {@link HostResolver} for names, as Twisted's installResolver. */
class HostResolverTest {
    @Test
    void aNameIsResolvedByTheInstalledResolverAndTheConnectionMade() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            List<String> asked = new CopyOnWriteArrayList<>();
            HostResolver resolver = name -> {
                asked.add(name);
                return Deferred.succeed("127.0.0.1");
            };
            assertNull(r.call(() -> r.reactor.installResolver(resolver)), "the system's resolver was in place");
            ListeningPort listening = r.call(() -> r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1"));
            int port = ((IPAddress) listening.getHost()).port();
            RecordingProtocol client = new RecordingProtocol(5) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("hello".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.call(() -> r.reactor.connectTCP("echo.torsion.test", port, new TestClientFactory(() -> client)));
            assertEquals("hello", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(List.of("echo.torsion.test"), asked);
            assertSame(resolver, r.call(() -> r.reactor.installResolver(null)));
        }
    }

    @Test
    void anAddressLiteralIsNotResolved() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            r.call(() -> r.reactor.installResolver(name -> Deferred.fail(new AssertionError("asked for " + name))));
            ListeningPort listening = r.call(() -> r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1"));
            int port = ((IPAddress) listening.getHost()).port();
            RecordingProtocol client = new RecordingProtocol();
            r.call(() -> r.reactor.connectTCP("127.0.0.1", port, new TestClientFactory(() -> client)));
            assertSame(client, client.made.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailedOrNonsenseAnswerFailsTheConnection() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            r.call(() -> r.reactor.installResolver(name -> name.startsWith("nx.")
                    ? Deferred.fail(new UnknownHostException(name + ": NXDOMAIN"))
                    : Deferred.succeed("not an address")));
            TestClientFactory missing = new TestClientFactory(RecordingProtocol::new);
            r.call(() -> r.reactor.connectTCP("nx.torsion.test", 9, missing));
            Failure nx = missing.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(DNSLookupError.class, nx.value());
            assertEquals("nx.torsion.test: NXDOMAIN", nx.value().getCause().getMessage());

            TestClientFactory nonsense = new TestClientFactory(RecordingProtocol::new);
            r.call(() -> r.reactor.connectTCP("odd.torsion.test", 9, nonsense));
            Failure odd = nonsense.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(DNSLookupError.class, odd.value());
            assertInstanceOf(UnknownHostException.class, odd.value().getCause());
            assertTrue(odd.value().getCause().getMessage().contains("not an address"), odd.value().getCause().getMessage());
        }
    }
}
