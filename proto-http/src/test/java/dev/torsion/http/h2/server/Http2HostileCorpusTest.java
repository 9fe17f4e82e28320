package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.frame;
import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input to the HTTP/2 server, each with the exact answer it earns: GOAWAY with its error
 * code (and the connection closed), RST_STREAM on its stream with its code, or a 431; replayed
 * whole and byte by byte. Codes (RFC 9113 section 7): 1 PROTOCOL_ERROR, 3 FLOW_CONTROL_ERROR,
 * 5 STREAM_CLOSED, 6 FRAME_SIZE_ERROR, 7 REFUSED_STREAM, 9 COMPRESSION_ERROR, 11 ENHANCE_YOUR_CALM.
 */
class Http2HostileCorpusTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Http2Limits LIMITS = Http2Limits.DEFAULT.withMaxConcurrentStreams(3).withFloodLimits(20, 100);

    /** A resource that answers GET at once and buffers POST bodies; /wait never answers. */
    static Site site() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.text("Hello");
            }

            @Override
            protected Rendered renderPOST(Request request) {
                return Rendered.body(request.content());
            }
        });
        root.putChild("wait", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return NOT_DONE_YET;
            }
        });
        return new Site(root);
    }

    private static byte[] repeat(int times, Function<Integer, byte[]> piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.writeBytes(piece.apply(i));
        }
        return out.toByteArray();
    }

    private static byte[] settings(int id, long value) {
        byte[] payload = new byte[6];
        payload[0] = (byte) (id >>> 8);
        payload[1] = (byte) id;
        payload[2] = (byte) (value >>> 24);
        payload[3] = (byte) (value >>> 16);
        payload[4] = (byte) (value >>> 8);
        payload[5] = (byte) value;
        return frame(Http2Frame.SETTINGS, 0, 0, payload);
    }

    private static byte[] post(H2Wire wire, int stream, String... extra) {
        List<String> fields = new ArrayList<>(List.of(":method", "POST", ":scheme", "http", ":path", "/hello", ":authority", "h"));
        fields.addAll(List.of(extra));
        return wire.headers(stream, false, fields.toArray(new String[0]));
    }

    private static Arguments entry(String name, Function<H2Wire, byte[]> input, String expected) {
        return Arguments.of(name, input, expected);
    }

    static Stream<Arguments> corpus() {
        byte[] data16385 = new byte[16385];
        List<Arguments> corpus = List.of(
                entry("an HTTP/1.1 request instead of the preface", w -> "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "GOAWAY:1"),
                entry("PING before the client's SETTINGS", w -> join(H2Wire.preface(), frame(Http2Frame.PING, 0, 0, new byte[8])), "GOAWAY:1"),
                entry("a frame over SETTINGS_MAX_FRAME_SIZE", w -> join(open(), frame(Http2Frame.DATA, 0, 1, data16385)), "GOAWAY:6"),
                entry("DATA on stream 0", w -> join(open(), frame(Http2Frame.DATA, 0, 0, new byte[1])), "GOAWAY:1"),
                entry("HEADERS on stream 0", w -> join(open(), frame(Http2Frame.HEADERS, 4, 0, new byte[] {(byte) 0x82})), "GOAWAY:1"),
                entry("SETTINGS on a stream", w -> join(open(), frame(Http2Frame.SETTINGS, 0, 1, new byte[0])), "GOAWAY:1"),
                entry("SETTINGS of 5 octets", w -> join(open(), frame(Http2Frame.SETTINGS, 0, 0, new byte[5])), "GOAWAY:6"),
                entry("SETTINGS ACK with a payload", w -> join(open(), frame(Http2Frame.SETTINGS, 1, 0, new byte[6])), "GOAWAY:6"),
                entry("SETTINGS_ENABLE_PUSH 2", w -> join(open(), settings(Http2Payloads.ENABLE_PUSH, 2)), "GOAWAY:1"),
                entry("SETTINGS_INITIAL_WINDOW_SIZE 2^31", w -> join(open(), settings(Http2Payloads.INITIAL_WINDOW_SIZE, 1L << 31)), "GOAWAY:3"),
                entry("SETTINGS_MAX_FRAME_SIZE 100", w -> join(open(), settings(Http2Payloads.MAX_FRAME_SIZE, 100)), "GOAWAY:1"),
                entry("PING of 7 octets", w -> join(open(), frame(Http2Frame.PING, 0, 0, new byte[7])), "GOAWAY:6"),
                entry("PING on a stream", w -> join(open(), frame(Http2Frame.PING, 0, 1, new byte[8])), "GOAWAY:1"),
                entry("PUSH_PROMISE from a client", w -> join(open(), frame(Http2Frame.PUSH_PROMISE, 4, 1, new byte[5])), "GOAWAY:1"),
                entry("WINDOW_UPDATE of 0 on the connection", w -> join(open(), frame(Http2Frame.WINDOW_UPDATE, 0, 0, new byte[4])), "GOAWAY:1"),
                entry("the connection window over 2^31-1", w -> join(open(), Http2FrameWriter.windowUpdate(0, Integer.MAX_VALUE)), "GOAWAY:3"),
                entry("WINDOW_UPDATE of 3 octets", w -> join(open(), frame(Http2Frame.WINDOW_UPDATE, 0, 0, new byte[3])), "GOAWAY:6"),
                entry("RST_STREAM on an idle stream", w -> join(open(), Http2FrameWriter.rstStream(5, 8)), "GOAWAY:1"),
                entry("RST_STREAM of 3 octets", w -> join(open(), frame(Http2Frame.RST_STREAM, 0, 1, new byte[3])), "GOAWAY:6"),
                entry("PRIORITY of 4 octets", w -> join(open(), frame(Http2Frame.PRIORITY, 0, 1, new byte[4])), "RST:1:6"),
                entry("PRIORITY on itself", w -> join(open(), frame(Http2Frame.PRIORITY, 0, 3, HEX.parseHex("0000000310"))), "RST:3:1"),
                entry("HEADERS depending on itself", w -> join(open(), frame(Http2Frame.HEADERS, 0x25, 1,
                        join(HEX.parseHex("0000000110"), HEX.parseHex("828684") , new byte[] {0x41, 1, 'h'}))), "RST:1:1"),
                entry("a stream with an even number", w -> join(open(), w.get(2, "/hello")), "GOAWAY:1"),
                entry("padding that fills the frame", w -> join(open(), frame(Http2Frame.HEADERS, 0x0C, 1, HEX.parseHex("0582"))), "GOAWAY:1"),
                entry("PING inside a header block", w -> join(open(), frame(Http2Frame.HEADERS, 0, 1, HEX.parseHex("82")),
                        frame(Http2Frame.PING, 0, 0, new byte[8])), "GOAWAY:1"),
                entry("CONTINUATION without HEADERS", w -> join(open(), frame(Http2Frame.CONTINUATION, 4, 1, HEX.parseHex("82"))), "GOAWAY:1"),
                entry("CONTINUATION on another stream", w -> join(open(), frame(Http2Frame.HEADERS, 0, 1, HEX.parseHex("82")),
                        frame(Http2Frame.CONTINUATION, 4, 3, HEX.parseHex("86"))), "GOAWAY:1"),
                entry("a CONTINUATION flood", w -> join(open(), frame(Http2Frame.HEADERS, 0, 1, HEX.parseHex("82")),
                        repeat(5, i -> frame(Http2Frame.CONTINUATION, 0, 1, new byte[16384]))), "GOAWAY:11"),
                entry("HPACK index 0", w -> join(open(), frame(Http2Frame.HEADERS, 5, 1, HEX.parseHex("80"))), "GOAWAY:9"),
                entry("HPACK index past the tables", w -> join(open(), frame(Http2Frame.HEADERS, 5, 1, HEX.parseHex("ff00"))), "GOAWAY:9"),
                entry("a header list of 500 indexed fields", w -> join(open(), frame(Http2Frame.HEADERS, 5, 1,
                        repeat(500, i -> HEX.parseHex("82")))), "HEADERS:1:431:end"),
                entry("a header-list bomb through the dynamic table", w -> join(open(), frame(Http2Frame.HEADERS, 5, 1,
                        join(HEX.parseHex("4001787fa11e"), new byte[4000], repeat(300, i -> HEX.parseHex("be"))))), "HEADERS:1:431:end"),
                entry("an upper-case field name", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h", "X-Upper", "1")), "RST:1:1"),
                entry("a connection field", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h", "connection", "close")), "RST:1:1"),
                entry("te: gzip", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h", "te", "gzip")), "RST:1:1"),
                entry("no :path", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http", ":authority", "h")), "RST:1:1"),
                entry("a pseudo-header after a field", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        "accept", "*/*", ":path", "/hello", ":authority", "h")), "RST:1:1"),
                entry("a repeated :method", w -> join(open(), w.headers(1, true, ":method", "GET", ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h")), "RST:1:1"),
                entry(":status in a request", w -> join(open(), w.headers(1, true, ":status", "200", ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h")), "RST:1:1"),
                entry("CR LF in a value (request smuggling)", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "h", "x-a", "1\r\nx-b: 2")), "RST:1:1"),
                entry("a space in :path", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello HTTP/1.0", ":authority", "h")), "RST:1:1"),
                entry("userinfo in :authority", w -> join(open(), w.headers(1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/hello", ":authority", "user@h")), "RST:1:1"),
                entry("CONNECT", w -> join(open(), w.headers(1, true, ":method", "CONNECT", ":authority", "h:443")), "RST:1:7"),
                entry("DATA shorter than content-length", w -> join(open(), post(w, 1, "content-length", "5"),
                        frame(Http2Frame.DATA, 1, 1, new byte[3])), "RST:1:1"),
                entry("DATA longer than content-length", w -> join(open(), post(w, 1, "content-length", "2"),
                        frame(Http2Frame.DATA, 1, 1, new byte[3])), "RST:1:1"),
                entry("DATA on an idle stream", w -> join(open(), frame(Http2Frame.DATA, 1, 3, new byte[1])), "GOAWAY:1"),
                entry("DATA on a closed stream", w -> join(open(), w.get(1, "/hello"), frame(Http2Frame.DATA, 1, 1, new byte[1])), "RST:1:5"),
                entry("HEADERS reopening a closed stream", w -> join(open(), w.get(1, "/hello"), w.get(1, "/hello")), "GOAWAY:5"),
                entry("trailers without END_STREAM", w -> join(open(), post(w, 1), w.headers(1, false, "x-trailer", "1")), "RST:1:1"),
                entry("streams over the limit", w -> join(open(), post(w, 1), post(w, 3), post(w, 5), post(w, 7)), "RST:7:7"),
                entry("rapid reset", w -> join(open(), repeat(21, i -> join(w.headers(2 * i + 1, true, ":method", "GET", ":scheme", "http",
                        ":path", "/wait", ":authority", "h"), Http2FrameWriter.rstStream(2 * i + 1, 8))), Http2FrameWriter.settings()), "GOAWAY:11"),
                entry("a PING flood", w -> join(open(), repeat(100, i -> frame(Http2Frame.PING, 0, 0, new byte[8]))), "GOAWAY:11"),
                entry("a SETTINGS flood", w -> join(open(), repeat(100, i -> Http2FrameWriter.settings())), "GOAWAY:11"),
                entry("an empty DATA flood", w -> join(open(), post(w, 1), repeat(101, i -> frame(Http2Frame.DATA, 0, 1, new byte[0]))), "GOAWAY:11"),
                entry("an unknown frame type is ignored", w -> join(open(), frame(0x20, 0, 0, new byte[3]), w.get(1, "/hello")), "HEADERS:1:200"));
        List<Arguments> both = new ArrayList<>();
        for (Arguments entry : corpus) {
            Object[] values = entry.get();
            both.add(Arguments.of(values[0], values[1], values[2], false));
            both.add(Arguments.of(values[0], values[1], values[2], true));
        }
        return both.stream();
    }

    @ParameterizedTest(name = "{0} (byte by byte: {3}) -> {2}")
    @MethodSource("corpus")
    @SuppressWarnings("unchecked")
    void eachInputEarnsItsAnswer(String name, Function<H2Wire, byte[]> input, String expected, boolean byteByByte) throws Exception {
        H2Wire wire = new H2Wire(site(), LIMITS);
        wire.send(input.apply(wire), byteByByte);
        List<String> answers = wire.events().stream()
                .filter(e -> e.startsWith("GOAWAY") || e.startsWith("RST") || e.startsWith("HEADERS"))
                .toList();
        assertTrue(!answers.isEmpty(), name + ": no answer");
        // A refusal is the first RST_STREAM or GOAWAY; a 431 or a served answer the first HEADERS.
        String answer = answers.stream().filter(a -> a.startsWith("HEADERS") == expected.startsWith("HEADERS")).findFirst().orElse("none");
        assertEquals(expected, answer, name + ": " + answers);
        if (expected.startsWith("GOAWAY")) {
            // The GOAWAY is the last thing sent; what the client still sends is dropped until the linger ends.
            assertTrue(wire.transport.isWriteConnectionClosed(), name + ": the sending side is shut");
            wire.clock.advance(site().config().lingerTimeout());
            assertTrue(wire.transport.isDisconnecting(), name + ": the connection is closed");
        } else {
            assertTrue(!wire.transport.isDisconnecting(), name + ": the connection goes on");
        }
    }
}
