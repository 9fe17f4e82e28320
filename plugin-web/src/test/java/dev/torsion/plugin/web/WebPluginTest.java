package dev.torsion.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plugin in process: options from a command line, the service tree, files over real HTTP. */
class WebPluginTest {
    @TempDir
    Path root;

    @Test
    void servesFilesAndLogsRequestsToTheAccessLog() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "Hello, world!");
        Path accessLog = root.resolve("access.log");
        WebPlugin plugin = new WebPlugin();
        new CommandLine(plugin.options()).parseArgs("--listen", "tcp:0:interface=127.0.0.1", "--path", root.toString(),
                "--access-log", accessLog.toString());

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

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> hello = client.send(get(port, "/hello.txt"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello, world!", hello.body());
            assertEquals("13", hello.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(404, client.send(get(port, "/missing"), HttpResponse.BodyHandlers.ofString()).statusCode());

            reactor.blockingCallFromThread(web::stopService);
            String log = Files.readString(accessLog, StandardCharsets.UTF_8);
            assertTrue(log.contains("\"GET /hello.txt HTTP/1.1\" 200 13"), log);
            assertTrue(log.contains("\"GET /missing HTTP/1.1\" 404"), log);
        } finally {
            reactor.stop();
            loop.join(15_000);
        }
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
        assertEquals("nothing to serve at " + root.resolve("nowhere"),
                assertThrows(IllegalArgumentException.class, () -> missing.makeService(null)).getMessage());
    }

    private static ListeningService listener(MultiService web) {
        for (Service child : web) {
            if (child instanceof ListeningService listening) {
                return listening;
            }
        }
        throw new AssertionError("no listening service in " + web);
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
    }
}
