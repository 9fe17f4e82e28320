package dev.torsion.http.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.torsion.defer.Deferred;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Directory listings: built off the reactor thread (another client is served while a listing is
 * under way, on real sockets), bounded in entries, and showing only what the tree serves (no
 * dotfiles by default, no links out of the root); a listing that keeps failing is logged once.
 */
class ListingTest {
    @TempDir
    Path temp;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectory(temp.resolve("www"));
        Files.writeString(root.resolve("hello.txt"), "Hello, world!");
        Files.createDirectory(root.resolve("many"));
        for (int i = 0; i < 25; i++) {
            Files.writeString(root.resolve("many").resolve(String.format("f%02d.txt", i)), "x");
        }
        Files.createDirectory(root.resolve(".git"));
        Files.writeString(root.resolve(".git").resolve("config"), "[core]");
        Files.writeString(root.resolve(".env"), "PASSWORD=hunter2");
        Files.writeString(temp.resolve("outside.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape"), temp.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("escapedir"), temp);
        Files.createSymbolicLink(root.resolve("inner"), root.resolve("hello.txt"));
    }

    private static String get(Wire wire, String path) {
        wire.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
        return wire.output();
    }

    @Test
    void aListingBeingBuiltDoesNotHoldUpAnotherClientOnTheSameReactor() throws Exception {
        CountDownLatch listingMayRun = new CountDownLatch(1);
        try (LiveReactor live = new LiveReactor()) {
            // The reactor's own thread pool runs the listing; the test holds it there until the other client is served.
            BlockingWork gated = new BlockingWork() {
                @Override
                public <T> Deferred<T> run(Callable<T> work) {
                    return live.reactor.deferToThread(() -> {
                        assertTrue(listingMayRun.await(30, TimeUnit.SECONDS));
                        return work.call();
                    });
                }
            };
            Site site = new Site(new File(root, StaticOptions.defaults(), gated));
            ListeningPort port = live.call(() -> live.reactor.listenTCP(0, site.factory(live.reactor), 50, "127.0.0.1"));
            int number = ((IPv4Address) port.getHost()).port();
            try (Socket lister = new Socket(); Socket other = new Socket()) {
                lister.connect(new InetSocketAddress("127.0.0.1", number), 5000);
                lister.setSoTimeout(30_000);
                send(lister, "GET /many/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

                other.connect(new InetSocketAddress("127.0.0.1", number), 5000);
                other.setSoTimeout(10_000);
                send(other, "GET /hello.txt HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
                String answer = readAll(other);
                assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
                assertTrue(answer.endsWith("Hello, world!"), answer);
                assertEquals(1, listingMayRun.getCount(), "the listing was not held");

                listingMayRun.countDown();
                String listing = readAll(lister);
                assertTrue(listing.startsWith("HTTP/1.1 200 OK\r\n"), listing);
                assertTrue(listing.contains("f24.txt"), listing);
            }
            live.call(port::stopListening);
        }
    }

    @Test
    void aListingShowsAtMostItsLimitInNameOrderAndSaysHowManyMore() {
        Wire wire = new Wire(new Site(new File(root, StaticOptions.defaults().withMaxListingEntries(10))));
        String page = get(wire, "/many/");
        assertTrue(page.startsWith("HTTP/1.1 200 OK\r\n"), page);
        for (int i = 0; i < 10; i++) {
            assertTrue(page.contains(String.format("f%02d.txt", i)), page);
        }
        for (int i = 10; i < 25; i++) {
            assertFalse(page.contains(String.format("f%02d.txt", i)), page);
        }
        assertTrue(page.contains("15 more entries are not shown: a listing shows the first 10 names."), page);
    }

    @Test
    void dotfilesAreNeitherListedNorServedByDefault() {
        String listing = get(new Wire(new Site(new File(root))), "/");
        assertTrue(listing.contains("hello.txt"), listing);
        assertFalse(listing.contains(".git"), listing);
        assertFalse(listing.contains(".env"), listing);
        assertTrue(get(new Wire(new Site(new File(root))), "/.env").startsWith("HTTP/1.1 404 "));
        assertTrue(get(new Wire(new Site(new File(root))), "/.git/config").startsWith("HTTP/1.1 404 "));
        assertTrue(get(new Wire(new Site(new File(root))), "/.git/").startsWith("HTTP/1.1 404 "));
    }

    @Test
    void showDotfilesListsAndServesThem() {
        StaticOptions show = StaticOptions.defaults().withShowDotfiles(true);
        String listing = get(new Wire(new Site(new File(root, show))), "/");
        assertTrue(listing.contains(">.git/<"), listing);
        assertTrue(listing.contains(">.env<"), listing);
        String env = get(new Wire(new Site(new File(root, show))), "/.env");
        assertTrue(env.startsWith("HTTP/1.1 200 OK\r\n") && env.endsWith("PASSWORD=hunter2"), env);
    }

    @Test
    void linksThatLeaveTheRootAreNotListed() {
        String listing = get(new Wire(new Site(new File(root))), "/");
        assertTrue(listing.contains(">inner<"), listing);
        assertFalse(listing.contains("escape"), listing);
        assertTrue(get(new Wire(new Site(new File(root))), "/escape").startsWith("HTTP/1.1 404 "));
    }

    @Test
    void aListingThatKeepsFailingIsLoggedOnceNotOncePerRequest() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        BlockingWork manual = new BlockingWork() {
            @Override
            public <T> Deferred<T> run(Callable<T> work) {
                Deferred<T> result = new Deferred<>();
                queued.add(() -> {
                    try {
                        result.callback(work.call());
                    } catch (Exception e) {
                        result.errback(e);
                    }
                });
                return result;
            }
        };
        Path doomed = Files.createDirectory(root.resolve("doomed"));
        Logger logger = (Logger) LoggerFactory.getLogger(File.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            List<Wire> wires = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Wire wire = new Wire(new Site(new File(root, StaticOptions.defaults(), manual)));
                get(wire, "/doomed/");
                wires.add(wire);
            }
            // The directory goes away between the requests and their listings: every listing fails.
            Files.delete(doomed);
            queued.forEach(Runnable::run);
            for (Wire wire : wires) {
                assertTrue(wire.output().startsWith("HTTP/1.1 403 Forbidden\r\n"), wire.output());
            }
        } finally {
            logger.detachAppender(events);
        }
        List<String> warnings = events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("cannot list " + doomed.toAbsolutePath() + ": No such file or directory"), warnings.get(0));
        assertTrue(events.list.stream().allMatch(e -> e.getThrowableProxy() == null || e.getLevel() == Level.DEBUG),
                "a stack trace above DEBUG");
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
