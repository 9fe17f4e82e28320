package dev.torsion.http.staticfiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.http.HttpDate;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.PushProducer;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTest {
    @TempDir
    Path temp;
    Path root;
    Path secret;
    byte[] big;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectory(temp.resolve("www"));
        Files.writeString(root.resolve("hello.txt"), "Hello, world!");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.fromMillis(1_700_000_000_000L));
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("docs").resolve("index.html"), "<p>index</p>");
        Files.createDirectory(root.resolve("list"));
        Files.writeString(root.resolve("list").resolve("<b>&x.txt"), "12345");
        Files.writeString(root.resolve("page.html"), "<html>" + "text ".repeat(500) + "</html>");
        secret = temp.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        Files.createSymbolicLink(root.resolve("escape"), secret);
        Files.createSymbolicLink(root.resolve("escapedir"), temp);
        Files.createSymbolicLink(root.resolve("inner"), root.resolve("hello.txt"));
        big = new byte[1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
    }

    private Wire get(String path, String... headers) {
        Wire wire = new Wire(new Site(new File(root)));
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: a\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        wire.send(request.append("\r\n").toString());
        wire.clock.advance(Duration.ZERO);
        return wire;
    }

    private static String head(Wire wire) {
        String out = wire.output();
        return out.substring(0, out.indexOf("\r\n\r\n") + 4);
    }

    private static byte[] body(Wire wire) {
        byte[] all = wire.transport.value();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        return Arrays.copyOfRange(all, start, all.length);
    }

    @Test
    void servesAFileWithTypeLengthDatesAndEtag() {
        Wire wire = get("/hello.txt");
        String head = head(wire);
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("Content-Type: text/plain\r\n"), head);
        assertTrue(head.contains("Content-Length: 13\r\n"), head);
        assertTrue(head.contains("Last-Modified: " + HttpDate.format(1_700_000_000_000L) + "\r\n"), head);
        assertTrue(head.contains("ETag: \""), head);
        assertTrue(head.contains("Accept-Ranges: bytes\r\n"), head);
        assertEquals("Hello, world!", new String(body(wire), StandardCharsets.UTF_8));
    }

    @Test
    void nothingOutsideTheRootIsReachable() {
        for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
                "/docs/..%2F..%2Fsecret.txt", "/escape", "/escapedir/secret.txt", "/%00", "/docs/%5c..%5csecret.txt",
                "/./hello.txt/..", "/hello.txt/x"}) {
            Wire wire = get(path);
            assertTrue(wire.output().startsWith("HTTP/1.1 404 "), path + " -> " + wire.output());
            assertFalse(wire.output().contains("top secret"), path);
        }
        assertTrue(get("/inner").output().endsWith("Hello, world!"), "a link inside the root is fine");
    }

    @Test
    void directoryGetsIndexOrRedirect() {
        Wire redirect = get("/docs?x=1");
        assertTrue(redirect.output().startsWith("HTTP/1.1 301 "), redirect.output());
        assertTrue(head(redirect).contains("Location: /docs/?x=1\r\n"));
        Wire index = get("/docs/");
        assertTrue(index.output().endsWith("<p>index</p>"), index.output());
        assertTrue(head(index).contains("Content-Type: text/html\r\n"));
    }

    @Test
    void directoryListingEscapesNames() {
        Wire wire = get("/list/");
        String out = wire.output();
        assertTrue(out.startsWith("HTTP/1.1 200 "), out);
        assertTrue(out.contains("&lt;b&gt;&amp;x.txt"), out);
        assertTrue(out.contains("href=\"%3Cb%3E%26x.txt\""), out);
        assertFalse(out.contains("<b>&x"), out);
        assertTrue(out.contains("5 B"), out);
        assertTrue(out.contains(" UTC"), out);
    }

    @Test
    void listingCanBeRefused() {
        Wire wire = new Wire(new Site(new File(root, StaticOptions.defaults().withListDirectories(false))));
        wire.send("GET /list/ HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 403 "), wire.output());
    }

    @Test
    void singleRange() {
        Wire wire = get("/hello.txt", "Range: bytes=7-11");
        assertTrue(wire.output().startsWith("HTTP/1.1 206 Partial Content\r\n"), wire.output());
        assertTrue(head(wire).contains("Content-Range: bytes 7-11/13\r\n"));
        assertEquals("world", new String(body(wire), StandardCharsets.UTF_8));
        assertEquals("!", new String(body(get("/hello.txt", "Range: bytes=-1")), StandardCharsets.UTF_8));
        assertEquals("world!", new String(body(get("/hello.txt", "Range: bytes=7-")), StandardCharsets.UTF_8));
    }

    @Test
    void multipleRangesAreMultipart() {
        Wire wire = get("/hello.txt", "Range: bytes=0-4, 7-11");
        String head = head(wire);
        assertTrue(head.contains("Content-Type: multipart/byteranges; boundary="), head);
        String boundary = head.substring(head.indexOf("boundary=") + 9, head.indexOf("\r\n", head.indexOf("boundary=")));
        String body = new String(body(wire), StandardCharsets.UTF_8);
        assertEquals("\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-4/13\r\n\r\nHello"
                + "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 7-11/13\r\n\r\nworld"
                + "\r\n--" + boundary + "--\r\n", body);
        assertTrue(head.contains("Content-Length: " + body.length() + "\r\n"));
    }

    @Test
    void unsatisfiableRangeIs416() {
        Wire wire = get("/hello.txt", "Range: bytes=100-200");
        assertTrue(wire.output().startsWith("HTTP/1.1 416 "), wire.output());
        assertTrue(head(wire).contains("Content-Range: bytes */13\r\n"));
    }

    @Test
    void malformedRangeIsIgnored() {
        Wire wire = get("/hello.txt", "Range: bytes=abc");
        assertTrue(wire.output().startsWith("HTTP/1.1 200 "), wire.output());
    }

    @Test
    void ifRangeWithStaleValidatorSendsEverything() {
        Wire wire = get("/hello.txt", "Range: bytes=0-4", "If-Range: \"stale\"");
        assertTrue(wire.output().startsWith("HTTP/1.1 200 "), wire.output());
    }

    @Test
    void conditionalRequestsGet304() {
        Wire first = get("/hello.txt");
        String head = head(first);
        String etag = head.substring(head.indexOf("ETag: ") + 6, head.indexOf("\r\n", head.indexOf("ETag: ")));
        Wire byTag = get("/hello.txt", "If-None-Match: \"other\", " + etag);
        assertTrue(byTag.output().startsWith("HTTP/1.1 304 Not Modified\r\n"), byTag.output());
        assertFalse(byTag.output().contains("Content-Length"), byTag.output());
        assertTrue(byTag.output().endsWith("\r\n\r\n"));
        Wire byDate = get("/hello.txt", "If-Modified-Since: " + HttpDate.format(1_700_000_000_000L));
        assertTrue(byDate.output().startsWith("HTTP/1.1 304 "), byDate.output());
        Wire older = get("/hello.txt", "If-Modified-Since: " + HttpDate.format(1_600_000_000_000L));
        assertTrue(older.output().startsWith("HTTP/1.1 200 "), older.output());
        Wire otherTag = get("/hello.txt", "If-None-Match: \"nope\"", "If-Modified-Since: " + HttpDate.format(1_700_000_000_000L));
        assertTrue(otherTag.output().startsWith("HTTP/1.1 200 "), "If-None-Match wins over the date");
    }

    @Test
    void gzipForCompressibleTypesWhenAccepted() throws IOException {
        Wire wire = get("/page.html", "Accept-Encoding: br, gzip");
        String head = head(wire);
        assertTrue(head.contains("Content-Encoding: gzip\r\n"), head);
        assertTrue(head.contains("Vary: Accept-Encoding\r\n"), head);
        byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(body(wire))).readAllBytes();
        assertEquals(Files.readString(root.resolve("page.html")), new String(decoded, StandardCharsets.UTF_8));
        assertFalse(head(get("/page.html", "Accept-Encoding: gzip;q=0")).contains("Content-Encoding"));
        assertFalse(head(get("/page.html")).contains("Content-Encoding"));
        assertFalse(head(get("/big.bin", "Accept-Encoding: gzip")).contains("Content-Encoding"));
    }

    @Test
    void largeFileIsStreamedWithBackpressure() {
        Wire wire = new Wire(new Site(new File(root)));
        PausingTransport transport = new PausingTransport();
        wire.channel.makeConnection(transport);
        wire.channel.dataReceived("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(transport.producer() instanceof FileStreamer, "a producer streams the file");
        int rounds = 0;
        while (transport.producer() instanceof FileStreamer) {
            assertTrue(transport.pendingBytes() <= FileStreamer.CHUNK_SIZE * 2L + 1024, "never more than a buffer or two at once");
            transport.drain();
            rounds++;
        }
        assertTrue(rounds >= 8, "took " + rounds + " rounds");
        byte[] all = transport.all.toByteArray();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        assertTrue(text.startsWith("HTTP/1.1 200 "));
        assertTrue(text.contains("Content-Length: " + big.length + "\r\n"));
        assertArrayEquals(big, Arrays.copyOfRange(all, start, all.length));
    }

    @Test
    void largeFileRangeStreamsOnlyThatRange() {
        Wire wire = get("/big.bin", "Range: bytes=100000-899999");
        assertTrue(wire.output().startsWith("HTTP/1.1 206 "), head(wire));
        assertArrayEquals(Arrays.copyOfRange(big, 100000, 900000), body(wire));
    }

    @Test
    void largeGzipIsStreamedChunked() throws IOException {
        byte[] text = "all work and no play makes jack a dull boy\n".repeat(40000).getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("big.txt"), text);
        Wire wire = get("/big.txt", "Accept-Encoding: gzip");
        assertTrue(head(wire).contains("Transfer-Encoding: chunked\r\n"), head(wire));
        byte[] dechunked = dechunk(body(wire));
        assertArrayEquals(text, new GZIPInputStream(new ByteArrayInputStream(dechunked)).readAllBytes());
    }

    @Test
    void headOfALargeFileSendsNoBody() {
        Wire wire = new Wire(new Site(new File(root)));
        wire.send("HEAD /big.bin HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().contains("Content-Length: " + big.length + "\r\n"));
        assertTrue(wire.output().endsWith("\r\n\r\n"));
    }

    @Test
    void clientGoingAwayStopsTheStream() {
        Wire wire = new Wire(new Site(new File(root)));
        PausingTransport transport = new PausingTransport();
        wire.channel.makeConnection(transport);
        wire.channel.dataReceived("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(transport.producer() != null);
        transport.closeConnection(wire.channel, false);
        long before = transport.all.size();
        transport.drainOnly();
        assertEquals(before, transport.all.size(), "no writes after the client left");
    }

    /** A transport with a sendFile of its own, as the Netty transport has. */
    static final class SendFileTransport extends StringTransport implements FileSendingTransport {
        final List<String> sends = new ArrayList<>();
        final List<Deferred<Long>> pending = new ArrayList<>();

        @Override
        public Deferred<Long> sendFile(FileChannel file, long offset, long length) {
            try (file) {
                ByteBuffer buffer = ByteBuffer.allocate((int) length);
                while (buffer.hasRemaining()) {
                    file.read(buffer, offset + buffer.position());
                }
                write(buffer.array());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            sends.add(offset + "+" + length);
            Deferred<Long> done = new Deferred<>();
            pending.add(done);
            return done;
        }

        @Override
        public Deferred<Long> sendFile(Path path) throws IOException {
            FileChannel file = FileChannel.open(path);
            return sendFile(file, 0, file.size());
        }
    }

    @Test
    void zeroCopyTransportSendsRegionsItself() {
        Wire wire = new Wire(new Site(new File(root)));
        SendFileTransport transport = new SendFileTransport();
        wire.channel.makeConnection(transport);
        wire.channel.dataReceived("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: a\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        // Sent in slices, the next queued once the one before is written (so the bytes sent are known when cut).
        assertEquals(List.of("0+" + ZeroCopy.SLICE), transport.sends);
        transport.pending.get(0).callback(ZeroCopy.SLICE);
        assertEquals(List.of("0+" + ZeroCopy.SLICE, ZeroCopy.SLICE + "+" + (big.length - ZeroCopy.SLICE)), transport.sends);
        assertFalse(transport.valueAsString().contains("Hello, world!"), "the next answer waits for the file");
        transport.pending.get(1).callback((long) big.length - ZeroCopy.SLICE);
        byte[] all = transport.value();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        assertArrayEquals(big, Arrays.copyOfRange(all, start, start + big.length));
        assertTrue(text.endsWith("Hello, world!"));
    }

    static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = at;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
    }

    /** A transport that pauses its producer once 64 KiB are pending, as a socket's buffer would. */
    static final class PausingTransport extends StringTransport {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private long pending;
        private boolean pausedProducer;

        @Override
        public void write(byte[] data) {
            all.writeBytes(data);
            pending += data.length;
            if (pending > 64 * 1024 && producer() instanceof PushProducer push && !pausedProducer) {
                pausedProducer = true;
                push.pauseProducing();
            }
        }

        long pendingBytes() {
            return pending;
        }

        void drain() {
            pending = 0;
            if (pausedProducer && producer() instanceof PushProducer push) {
                pausedProducer = false;
                push.resumeProducing();
            }
        }

        void drainOnly() {
            pending = 0;
        }
    }
}
