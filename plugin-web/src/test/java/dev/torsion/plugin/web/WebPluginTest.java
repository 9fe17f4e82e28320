package dev.torsion.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.app.StartupFailure;
import dev.torsion.app.service.ListeningService;
import dev.torsion.app.service.MultiService;
import dev.torsion.app.service.Service;
import dev.torsion.internet.IPv4Address;
import dev.torsion.netty.NettyReactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plugin in process: options from a command line, the service tree, files over real HTTP. */
class WebPluginTest {
    @TempDir
    Path root;

    /** What a test does against the plugin's running server. */
    private interface AgainstServer {
        void run(int port, HttpClient client) throws Exception;
    }

    /** Runs the plugin with {@code args} on a real reactor, then {@code test} against its port, then stops it. */
    private static void serve(AgainstServer test, String... args) throws Exception {
        WebPlugin plugin = new WebPlugin();
        new CommandLine(plugin.options()).parseArgs(args);
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread loop = new Thread(reactor::run, "web-plugin-test");
        loop.start();
        try {
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Service web = reactor.blockingCallFromThread(() -> plugin.makeService(reactor));
            reactor.blockingCallFromThread(() -> web.privilegedStartService().addCallbackDeferred(x -> web.startService()));
            int port = ((IPv4Address) listener((MultiService) web).port().getHost()).port();
            test.run(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
            reactor.blockingCallFromThread(web::stopService);
        } finally {
            reactor.stop();
            loop.join(15_000);
        }
    }

    @Test
    void servesFilesAndLogsRequestsToTheAccessLog() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "Hello, world!");
        Path accessLog = root.resolve("access.log");
        serve((port, client) -> {
            HttpResponse<String> hello = client.send(get(port, "/hello.txt"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello, world!", hello.body());
            assertEquals("13", hello.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(404, client.send(get(port, "/missing"), HttpResponse.BodyHandlers.ofString()).statusCode());
        }, "--listen", "tcp:0:interface=127.0.0.1", "--path", root.toString(), "--access-log", accessLog.toString());
        String log = Files.readString(accessLog, StandardCharsets.UTF_8);
        assertTrue(log.contains("\"GET /hello.txt HTTP/1.1\" 200 13"), log);
        assertTrue(log.contains("\"GET /missing HTTP/1.1\" 404"), log);
    }

    @Test
    void withAuthEveryFileNeedsAUserOfTheChecker() throws Exception {
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/hello.txt"), "Hello, alice!");
        serve((port, client) -> {
            HttpResponse<String> anonymous = client.send(get(port, "/sub/hello.txt"), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertEquals("Basic realm=\"files\", charset=\"UTF-8\"",
                    anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertTrue(!anonymous.body().contains("Hello"), anonymous.body());
            HttpResponse<String> alice = client.send(get(port, "/sub/hello.txt", "alice:pw"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, alice.statusCode());
            assertEquals("Hello, alice!", alice.body());
            HttpResponse<String> listing = client.send(get(port, "/", "alice:pw"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listing.statusCode());
            assertTrue(listing.body().contains("sub/"), listing.body());
            assertEquals(401, client.send(get(port, "/sub/hello.txt", "alice:wrong"), HttpResponse.BodyHandlers.ofString()).statusCode());
        }, "--listen", "tcp:0:interface=127.0.0.1", "--path", root.toString(), "--auth", "memory:alice:pw", "--auth-realm", "files");
    }

    @Test
    void badOptionCombinationsAreRefusedWithAClearMessage() {
        WebPlugin plugin = new WebPlugin();
        new CommandLine(plugin.options()).parseArgs("--certificate", "cert.pem");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> plugin.makeService(null));
        assertEquals("--certificate and --private-key go together", error.getMessage());

        WebPlugin mime = new WebPlugin();
        new CommandLine(mime.options()).parseArgs("--mime-type", "nothing");
        assertThrows(IllegalArgumentException.class, () -> mime.makeService(null));

        WebPlugin missing = new WebPlugin();
        new CommandLine(missing.options()).parseArgs("--path", root.resolve("nowhere").toString());
        assertEquals("--path " + root.resolve("nowhere") + ": No such file or directory",
                assertThrows(StartupFailure.class, () -> missing.makeService(null)).getMessage());
    }

    private static ListeningService listener(MultiService web) {
        for (Service child : web) {
            if (child instanceof ListeningService listening) {
                return listening;
            }
        }
        throw new AssertionError("no listening service in " + web);
    }

    private static HttpRequest get(int port, String path, String userColonPassword) {
        String token = Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + token).build();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
    }
}
