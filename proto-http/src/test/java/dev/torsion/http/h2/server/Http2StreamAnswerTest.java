package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.HttpStatus;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2ErrorCode;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ResponseSink;
import dev.torsion.http.staticfiles.File;
import dev.torsion.http.staticfiles.StaticOptions;
import dev.torsion.internet.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames an HTTP/2 stream makes of a {@code Request}'s answer, read off the wire whole: the
 * answer reaches the stream as its parts ({@link ResponseSink}), never as HTTP/1.1 bytes.
 */
class Http2StreamAnswerTest {
    private final List<Request> waiting = new ArrayList<>();

    private Site site() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Type", "text/plain");
                request.setHeader("X-Mixed-Case", "kept");
                return Rendered.text("Hello");
            }
        });
        root.putChild("hop", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Connection", "close");
                request.setHeader("Keep-Alive", "timeout=5");
                request.setHeader("Proxy-Connection", "keep-alive");
                request.setHeader("Upgrade", "h2c");
                request.setHeader("Transfer-Encoding", "chunked");
                return Rendered.text("hop");
            }
        });
        root.putChild("status", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.setResponseCode(Integer.parseInt(request.getArgument("code")));
                request.setHeader("ETag", "\"x\"");
                return Rendered.empty();
            }
        });
        root.putChild("wait", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                waiting.add(request);
                return NOT_DONE_YET;
            }
        });
        return new Site(root);
    }

    private static H2Wire opened(Site site) throws Exception {
        H2Wire wire = new H2Wire(site, Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck()), false);
        wire.frames();
        return wire;
    }

    private static List<H2Wire.Frame> ofType(List<H2Wire.Frame> frames, int type) {
        return frames.stream().filter(f -> f.type() == type).toList();
    }

    private static List<String> names(H2Wire.Frame frame) {
        return frame.fields().stream().map(HeaderField::name).toList();
    }

    private static String field(H2Wire.Frame frame, String name) {
        return frame.fields().stream().filter(f -> f.name().equals(name)).map(HeaderField::value).findFirst().orElse(null);
    }

    @Test
    void aWholeAnswerIsOneHeadersWithStatusFirstAndOneData() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/hello"), false);
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals(2, frames.size(), frames.toString());
        H2Wire.Frame headers = frames.get(0);
        assertEquals(Http2Frame.HEADERS, headers.type());
        assertFalse(headers.endStream());
        // Section 8.3.2: :status first and alone among pseudo-headers; every name lower-case (section 8.2).
        assertEquals(":status", names(headers).get(0));
        assertEquals("200", field(headers, ":status"));
        assertEquals(1, names(headers).stream().filter(n -> n.startsWith(":")).count());
        assertTrue(names(headers).stream().allMatch(n -> n.equals(n.toLowerCase(Locale.ROOT))), names(headers).toString());
        assertEquals("text/plain", field(headers, "content-type"));
        assertEquals("5", field(headers, "content-length"));
        assertEquals("kept", field(headers, "x-mixed-case"));
        assertTrue(names(headers).contains("date"));
        H2Wire.Frame data = frames.get(1);
        assertEquals(Http2Frame.DATA, data.type());
        assertTrue(data.endStream());
        assertEquals("Hello", new String(data.payload(), StandardCharsets.US_ASCII));
    }

    @Test
    void connectionSpecificFieldsNeverGoOut() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/hop"), false);
        H2Wire.Frame headers = wire.frames().get(0);
        // RFC 9113 section 8.2.2: a response with any of these is malformed.
        for (String name : List.of("connection", "keep-alive", "proxy-connection", "upgrade", "transfer-encoding")) {
            assertFalse(names(headers).contains(name), name + " in " + names(headers));
        }
        assertEquals("3", field(headers, "content-length"));
    }

    @Test
    void aStreamedBodyIsDataFramesOfTheBytesWrittenEndedByAnEmptyDataFrame() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/wait"), false);
        Request request = waiting.get(0);
        request.setHeader("Content-Type", "text/plain");
        request.write("first,".getBytes(StandardCharsets.US_ASCII));
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals(2, frames.size(), frames.toString());
        assertEquals(Http2Frame.HEADERS, frames.get(0).type());
        // No length declared: HTTP/1.1 would chunk it; HTTP/2 frames it, with no field for it.
        assertEquals(null, field(frames.get(0), "content-length"));
        assertArrayEquals("first,".getBytes(StandardCharsets.US_ASCII), frames.get(1).payload());
        assertFalse(frames.get(1).endStream());
        request.write("second".getBytes(StandardCharsets.US_ASCII));
        frames = wire.frames();
        assertEquals(1, frames.size());
        assertArrayEquals("second".getBytes(StandardCharsets.US_ASCII), frames.get(0).payload(), "no chunk framing in the DATA");
        request.finish();
        frames = wire.frames();
        assertEquals(1, frames.size());
        assertEquals(Http2Frame.DATA, frames.get(0).type());
        assertEquals(0, frames.get(0).payload().length);
        assertTrue(frames.get(0).endStream());
        wire.clock.advance(Duration.ZERO);
        assertEquals(0, wire.connection.openStreams());
        assertFalse(request.isLost());
    }

    @Test
    void trailersGoOutAsTrailingHeadersWithEndStream() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/wait"), false);
        Request request = waiting.get(0);
        request.write("body".getBytes(StandardCharsets.US_ASCII));
        request.addTrailer("X-Checksum", "abc");
        request.addTrailer("Grpc-Status", "0");
        request.finish();
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals(List.of(Http2Frame.HEADERS, Http2Frame.DATA, Http2Frame.HEADERS), frames.stream().map(H2Wire.Frame::type).toList());
        assertFalse(frames.get(1).endStream());
        H2Wire.Frame trailers = frames.get(2);
        assertTrue(trailers.endStream());
        // Section 8.1: trailers carry no pseudo-header.
        assertEquals(List.of(new HeaderField("x-checksum", "abc"), new HeaderField("grpc-status", "0")), trailers.fields());
    }

    @Test
    void headAnd204And304EndWithTheirHeaders() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.headers(1, true, ":method", "HEAD", ":scheme", "http", ":path", "/hello", ":authority", "h"), false);
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals(1, frames.size(), frames.toString());
        assertTrue(frames.get(0).endStream());
        // A HEAD's answer says the length the GET's body would have.
        assertEquals("5", field(frames.get(0), "content-length"));
        for (int code : new int[] {HttpStatus.NO_CONTENT, HttpStatus.NOT_MODIFIED}) {
            int stream = code == HttpStatus.NO_CONTENT ? 3 : 5;
            wire.send(wire.get(stream, "/status?code=" + code), false);
            frames = wire.frames();
            assertEquals(1, frames.size(), frames.toString());
            assertEquals(Integer.toString(code), field(frames.get(0), ":status"));
            assertTrue(frames.get(0).endStream());
            assertEquals(null, field(frames.get(0), "content-length"));
            assertEquals("\"x\"", field(frames.get(0), "etag"));
        }
    }

    @Test
    void anAnswerFailingAfterItsHeadIsResetNotEnded() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/wait"), false);
        Request request = waiting.get(0);
        request.write("part".getBytes(StandardCharsets.US_ASCII));
        request.fail(HttpStatus.INTERNAL_SERVER_ERROR, "disk gone");
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals(List.of(Http2Frame.HEADERS, Http2Frame.DATA, Http2Frame.RST_STREAM), frames.stream().map(H2Wire.Frame::type).toList());
        assertFalse(frames.get(1).endStream());
        assertEquals(Http2ErrorCode.INTERNAL_ERROR, Http2Payloads.int31(
                new Http2Frame(Http2Frame.RST_STREAM, 0, 1, frames.get(2).payload())));
    }

    @Test
    void theStreamTakesNoHttp11Bytes() throws Exception {
        H2Wire wire = opened(site());
        wire.send(wire.get(1, "/wait"), false);
        Request request = waiting.get(0);
        Transport stream = request.transport();
        assertTrue(stream instanceof ResponseSink, "the stream is the answer's sink");
        assertThrows(UnsupportedOperationException.class,
                () -> stream.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(wire.frames().isEmpty(), "nothing went out for the bytes");
        // The reader that parsed the site's HTTP/1.1 answer back is gone.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.torsion.http.h2.server.AnswerReader"));
        request.respond("ok".getBytes(StandardCharsets.US_ASCII));
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals("2", field(frames.get(0), "content-length"));
        assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), frames.get(1).payload());
    }

    @Test
    void staticFilesAnswerRangesAndStreamLargeFilesWithinTheWindows(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "Hello, world!");
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + i / 7);
        }
        Files.write(dir.resolve("large.bin"), large);
        // Files over 1 KiB are streamed by a producer, not read whole.
        StaticOptions defaults = StaticOptions.defaults();
        File files = new File(dir, new StaticOptions(defaults.indexNames(), defaults.listDirectories(), defaults.gzip(),
                defaults.mimeTypes(), 1024));
        H2Wire wire = opened(new Site(files));
        wire.send(wire.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/hello.txt", ":authority", "h",
                "range", "bytes=7-11"), false);
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals("206", field(frames.get(0), ":status"));
        assertEquals("bytes 7-11/13", field(frames.get(0), "content-range"));
        assertEquals("5", field(frames.get(0), "content-length"));
        assertEquals("world", new String(frames.get(1).payload(), StandardCharsets.US_ASCII));
        assertTrue(frames.get(1).endStream());

        wire.send(wire.get(3, "/large.bin"), false);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean ended = false;
        for (int turn = 0; turn < 100 && !ended; turn++) {
            wire.clock.advance(Duration.ZERO);
            for (H2Wire.Frame frame : wire.frames()) {
                if (frame.type() == Http2Frame.HEADERS) {
                    assertEquals("300000", field(frame, "content-length"));
                } else if (frame.type() == Http2Frame.DATA) {
                    body.writeBytes(frame.payload());
                    ended = frame.endStream();
                }
            }
            // The client's default window is 65,535: the file goes on only as it gives credit back.
            wire.send(join(Http2FrameWriter.windowUpdate(0, 65_535), Http2FrameWriter.windowUpdate(3, 65_535)), false);
        }
        assertTrue(ended);
        assertArrayEquals(large, body.toByteArray());
    }
}
