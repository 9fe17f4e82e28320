package dev.torsion.http.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files served from memory: the disk is not read within the interval, and a changed file,
 * a link moved to another file or out of the root, or a deleted file is seen once it is over.
 */
class SmallFileCacheTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @TempDir
    Path temp;
    Path root;
    final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
    SmallFileCache cache;
    Site site;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectory(temp.resolve("www"));
        Files.createDirectory(root.resolve("docs"));
        write(root.resolve("hello.txt"), "Hello, world!", 1_700_000_000_000L);
        write(root.resolve("other.txt"), "Other, world!", 1_700_000_000_000L);
        Files.writeString(temp.resolve("secret.txt"), "top secret!!!");
        cache = new SmallFileCache(64, 1024, Duration.ofSeconds(1), nanos::get);
        site = new Site(new File(root, StaticOptions.defaults(), BlockingWork.inline(), cache));
    }

    private static void write(Path file, String text, long modifiedMillis) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
    }

    private String get(String path, String... headers) {
        Wire wire = new Wire(site);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: a\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        wire.send(request.append("\r\n").toString());
        return wire.output();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void aSmallFileIsReadOnceAndServedFromMemoryWithItsHead() {
        String first = get("/hello.txt");
        assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
        assertTrue(first.contains("Content-Type: text/plain\r\nContent-Length: 13\r\n"), first);
        assertTrue(first.contains("ETag: \"d-" + Long.toHexString(1_700_000_000_000L) + "\"\r\n"), first);
        assertEquals("Hello, world!", body(first));
        assertEquals(1, cache.size());
        assertEquals(13 + gzippedLength("Hello, world!"), cache.totalBytes(), "the body and its gzip encoding");
        assertEquals(first, get("/hello.txt"), "the same answer from memory");
    }

    private static int gzippedLength(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    @Test
    void withinTheIntervalTheDiskIsNotReadAfterwardsTheChangeIsServed() throws IOException {
        assertEquals("Hello, world!", body(get("/hello.txt")));
        write(root.resolve("hello.txt"), "Hello, there!", 1_700_000_100_000L);
        assertEquals("Hello, world!", body(get("/hello.txt")), "trusted for one interval, as nginx's open_file_cache_valid");
        nanos.addAndGet(SECOND);
        String changed = get("/hello.txt");
        assertEquals("Hello, there!", body(changed));
        assertTrue(changed.contains("ETag: \"d-" + Long.toHexString(1_700_000_100_000L) + "\"\r\n"), changed);
    }

    @Test
    void aLinkMovedToAnotherFileOfTheSameSizeAndTimeIsServedAnew() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("current.txt"), root.resolve("hello.txt"));
        assertEquals("Hello, world!", body(get("/current.txt")));
        Files.delete(link);
        Files.createSymbolicLink(link, root.resolve("other.txt"));
        nanos.addAndGet(SECOND);
        assertEquals("Other, world!", body(get("/current.txt")), "same size and time, another real file");
    }

    @Test
    void aLinkMovedOutOfTheRootIsRefusedOnceTheIntervalIsOver() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("current.txt"), root.resolve("hello.txt"));
        assertEquals("Hello, world!", body(get("/current.txt")));
        Files.delete(link);
        Files.createSymbolicLink(link, temp.resolve("secret.txt"));
        nanos.addAndGet(SECOND);
        String refused = get("/current.txt");
        assertTrue(refused.startsWith("HTTP/1.1 404 "), refused);
        assertFalse(refused.contains("top secret"), refused);
    }

    @Test
    void aDirectoryMovedOutOfTheRootBehindALinkIsRefused() throws IOException {
        write(root.resolve("docs/a.txt"), "inside", 1_700_000_000_000L);
        assertEquals("inside", body(get("/docs/a.txt")));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        write(outside.resolve("a.txt"), "leaked", 1_700_000_000_000L);
        Files.move(root.resolve("docs"), temp.resolve("old-docs"));
        Files.createSymbolicLink(root.resolve("docs"), outside);
        nanos.addAndGet(SECOND);
        String refused = get("/docs/a.txt");
        assertTrue(refused.startsWith("HTTP/1.1 404 "), refused);
    }

    @Test
    void aDeletedFileIsA404OnceTheIntervalIsOver() throws IOException {
        assertEquals("Hello, world!", body(get("/hello.txt")));
        Files.delete(root.resolve("hello.txt"));
        nanos.addAndGet(SECOND);
        assertTrue(get("/hello.txt").startsWith("HTTP/1.1 404 "));
        assertEquals(0, cache.size());
    }

    @Test
    void aFileThatGrowsPastTheLimitLeavesTheCacheAndIsStillServed() throws IOException {
        assertEquals("Hello, world!", body(get("/hello.txt")));
        String large = "x".repeat(100);
        write(root.resolve("hello.txt"), large, 1_700_000_200_000L);
        nanos.addAndGet(SECOND);
        assertEquals(large, body(get("/hello.txt")));
        assertEquals(0, cache.size());
    }

    @Test
    void rangesConditionalsHeadAndGzipAreAnsweredFromMemory() throws IOException {
        String first = get("/hello.txt");
        String etag = first.substring(first.indexOf("ETag: ") + 6, first.indexOf("\r\n", first.indexOf("ETag: ")));
        assertTrue(get("/hello.txt", "If-None-Match: " + etag).startsWith("HTTP/1.1 304 "));
        String range = get("/hello.txt", "Range: bytes=7-11");
        assertTrue(range.startsWith("HTTP/1.1 206 "), range);
        assertEquals("world", body(range));
        Wire head = new Wire(site);
        head.send("HEAD /hello.txt HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(head.output().contains("Content-Length: 13\r\n"), head.output());
        assertEquals("", body(head.output()));

        write(root.resolve("page.html"), "<p>" + "text ".repeat(10) + "</p>", 1_700_000_000_000L);
        Wire gzip = new Wire(site);
        gzip.send("GET /page.html HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        byte[] all = gzip.transport.value();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Content-Encoding: gzip\r\n"), text);
        int start = text.indexOf("\r\n\r\n") + 4;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(all, start, all.length - start))) {
            assertEquals("<p>" + "text ".repeat(10) + "</p>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theMemoryBoundEvictsOtherEntries() throws IOException {
        for (int i = 0; i < 30; i++) {
            write(root.resolve("f" + i + ".bin"), "0123456789012345678901234567890123456789012345678901234567890123", 1L);
            assertEquals(64, body(get("/f" + i + ".bin")).length());
            assertTrue(cache.totalBytes() <= 1024, "bytes held: " + cache.totalBytes());
        }
        assertEquals(16, cache.size());
    }
}
