package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.frame;
import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Failure;
import dev.torsion.http.guard.BasicCredentialFactory;
import dev.torsion.http.guard.HttpAuthResource;
import dev.torsion.http.guard.SingleResourceRealm;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.internet.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code Request} an HTTP/2 stream's frames make, fed whole and byte by byte on the memory
 * transport: the pseudo-header fields mapped into it (RFC 9113 section 8.3.1), cookie crumbs
 * joined (section 8.2.3), malformed requests reset with PROTOCOL_ERROR while other streams go on
 * (section 8.1.1), trailers, and a body read slowly holding the stream's window, not the
 * connection's. The request reaches the site decoded: no HTTP/1.1 field (Transfer-Encoding) is
 * made up for it.
 */
class Http2StreamRequestTest {
    private static final byte[] NO_BYTES = new byte[0];

    private final List<Request> seen = new ArrayList<>();
    /** The streamed body's receiver: what it got, and its end. */
    private final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    private final List<Integer> pieces = new ArrayList<>();
    private Failure streamedEnd;
    private Protocol receiver;
    /** Whether the receiver pauses its reading after the first piece. */
    private boolean slowReader;

    private Site site() {
        Resource root = new Resource();
        // A leaf: /show/a%20b reaches it with the rest in postpath.
        root.putChild("show", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                seen.add(request);
                return Rendered.text("shown");
            }

            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                return Rendered.body(request.content());
            }
        });
        root.putChild("upload", new Resource() {
            @Override
            public boolean streamsRequestBody(Request request) {
                return true;
            }

            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                receiver = new Protocol() {
                    @Override
                    public void dataReceived(byte[] piece) {
                        streamed.writeBytes(piece);
                        pieces.add(piece.length);
                        if (slowReader && pieces.size() == 1) {
                            transport().pauseProducing();
                        }
                    }

                    @Override
                    public void connectionLost(Failure reason) {
                        streamedEnd = reason;
                        if (reason.check(RequestBodyDone.class) != null) {
                            request.respond(("got " + streamed.size() + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                };
                request.deliverBody(receiver);
                return NOT_DONE_YET;
            }
        });
        return new Site(root);
    }

    private H2Wire opened() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck()), false);
        wire.events();
        return wire;
    }

    private static List<String> answers(List<String> events) {
        return events.stream().filter(e -> e.startsWith("HEADERS") || e.startsWith("RST") || e.startsWith("GOAWAY")).toList();
    }

    private static byte[] data(int stream, boolean end, byte[] payload) {
        return frame(Http2Frame.DATA, end ? Http2Frame.FLAG_END_STREAM : 0, stream, payload);
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void thePseudoHeadersAreTheRequestsMethodTargetAuthorityAndScheme(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(wire.headers(1, true, ":method", "GET", ":scheme", "https", ":path", "/show/a%20b?x=1&y=two",
                ":authority", "example.com:8443", "accept", "text/plain", "x-multi", "1", "x-multi", "2"), byteByByte);
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
        assertEquals(1, seen.size());
        Request request = seen.get(0);
        assertEquals("GET", request.method());
        assertEquals("/show/a%20b?x=1&y=two", request.uri());
        assertEquals("/show/a%20b", request.path());
        assertEquals("x=1&y=two", request.queryString());
        assertEquals(Map.of("x", List.of("1"), "y", List.of("two")), request.queryArgs());
        assertEquals(List.of("show"), request.prepath());
        assertEquals(List.of("a b"), request.postpath());
        assertEquals("HTTP/2.0", request.version());
        assertEquals("https", request.scheme());
        // Host is the :authority, first of the fields; no pseudo-header and no made-up field is a header.
        assertEquals("example.com:8443", request.getHeader("Host"));
        assertEquals("example.com:8443", request.getHostHeader());
        assertEquals("example.com", request.getRequestHostname());
        assertEquals(List.of("host", "accept", "x-multi"), List.copyOf(request.requestHeaders().names()));
        assertEquals("host", request.requestHeaders().nameAt(0));
        assertEquals(List.of("1", "2"), request.requestHeaders().getAll("X-Multi"));
        assertEquals(4, request.requestHeaders().size());
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void hostServesWhenThereIsNoAuthorityAndTheSchemeIsTheClients(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(wire.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/show", "host", "h.example"), byteByByte);
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
        Request request = seen.get(0);
        assertEquals("h.example", request.getHeader("Host"));
        assertEquals("http", request.scheme());
        assertEquals(1, request.requestHeaders().size());
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void cookieCrumbsAreJoinedIntoOneField(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(wire.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/show", ":authority", "h",
                "cookie", "a=1", "accept", "*/*", "cookie", "b=2", "cookie", "c=3"), byteByByte);
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
        Request request = seen.get(0);
        assertEquals(List.of("a=1; b=2; c=3"), request.requestHeaders().getAll("Cookie"));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), request.cookies());
    }

    /** Each malformed request: RST_STREAM PROTOCOL_ERROR on its stream, never seen by the site; the next stream is served. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no :path", "an upper-case name", "connection", "te: gzip", "transfer-encoding", "upgrade",
        "keep-alive", "Host other than :authority", ":path not origin-form", "an empty :path", "a fragment in :path",
        "an invalid :authority", "no :scheme", "an invalid :scheme", "pseudo-header in trailers",
        "content-length with END_STREAM on HEADERS", "DATA shorter than content-length", "DATA longer than content-length",
        "differing content-lengths"})
    void aMalformedRequestIsResetAndTheConnectionGoesOn(String name) throws Exception {
        for (boolean byteByByte : new boolean[] {false, true}) {
            seen.clear();
            H2Wire wire = opened();
            wire.send(join(malformed(wire, name), wire.get(3, "/show")), byteByByte);
            List<String> answers = answers(wire.events());
            assertEquals(List.of("RST:1:1", "HEADERS:3:200"), answers, name + " (byte by byte: " + byteByByte + ")");
            assertEquals(1, seen.size(), name + ": only stream 3 reached the site");
            assertEquals("/show", seen.get(0).uri());
            assertFalse(wire.transport.isDisconnecting());
        }
    }

    private static byte[] malformed(H2Wire w, String name) {
        return switch (name) {
            case "no :path" -> w.headers(1, true, ":method", "GET", ":scheme", "http", ":authority", "h");
            case "an upper-case name" -> get(w, "Accept", "*/*");
            case "connection" -> get(w, "connection", "keep-alive");
            case "te: gzip" -> get(w, "te", "gzip");
            case "transfer-encoding" -> get(w, "transfer-encoding", "chunked");
            case "upgrade" -> get(w, "upgrade", "h2c");
            case "keep-alive" -> get(w, "keep-alive", "timeout=5");
            case "Host other than :authority" -> get(w, "host", "other.example");
            case ":path not origin-form" -> w.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "show", ":authority", "h");
            case "an empty :path" -> w.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "", ":authority", "h");
            case "a fragment in :path" -> w.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/show#x", ":authority", "h");
            case "an invalid :authority" -> w.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/show", ":authority", "h/x");
            case "no :scheme" -> w.headers(1, true, ":method", "GET", ":path", "/show", ":authority", "h");
            case "an invalid :scheme" -> w.headers(1, true, ":method", "GET", ":scheme", "1http", ":path", "/show", ":authority", "h");
            case "pseudo-header in trailers" -> join(post(w, "content-length", "2"), data(1, false, new byte[2]),
                    w.headers(1, true, ":path", "/x"));
            case "content-length with END_STREAM on HEADERS" -> w.headers(1, true, ":method", "POST", ":scheme", "http",
                    ":path", "/show", ":authority", "h", "content-length", "3");
            case "DATA shorter than content-length" -> join(post(w, "content-length", "5"), data(1, false, new byte[2]),
                    data(1, true, new byte[2]));
            case "DATA longer than content-length" -> join(post(w, "content-length", "3"), data(1, false, new byte[2]),
                    data(1, true, new byte[2]));
            case "differing content-lengths" -> w.headers(1, true, ":method", "POST", ":scheme", "http", ":path", "/show",
                    ":authority", "h", "content-length", "0", "content-length", "1");
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static byte[] get(H2Wire w, String name, String value) {
        return w.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/show", ":authority", "h", name, value);
    }

    private static byte[] post(H2Wire w, String... extra) {
        List<String> fields = new ArrayList<>(List.of(":method", "POST", ":scheme", "http", ":path", "/show", ":authority", "h"));
        fields.addAll(List.of(extra));
        return w.headers(1, false, fields.toArray(new String[0]));
    }

    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void teTrailersIsAccepted(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(get(wire, "te", "trailers"), byteByByte);
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
        assertEquals("trailers", seen.get(0).getHeader("TE"));
    }

    /** Trailers end the request, whether its body is sized or not; no Transfer-Encoding is made up for the unsized one. */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void trailersOnARequestReachIt(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(join(post(wire, "content-length", "5"), data(1, false, "hello".getBytes(StandardCharsets.US_ASCII)),
                wire.headers(1, true, "x-checksum", "abc", "x-count", "5")), byteByByte);
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals("hello", new String(dataOf(frames, 1), StandardCharsets.US_ASCII));
        Request sized = seen.get(0);
        assertEquals("abc", sized.trailers().get("X-Checksum"));
        assertEquals("5", sized.trailers().get("x-count"));
        assertEquals("5", sized.getHeader("Content-Length"));

        wire.send(join(wire.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/show", ":authority", "h"),
                data(3, false, "ab".getBytes(StandardCharsets.US_ASCII)), data(3, false, "cd".getBytes(StandardCharsets.US_ASCII)),
                wire.headers(3, true, "x-checksum", "def")), byteByByte);
        frames = wire.frames();
        assertEquals("abcd", new String(dataOf(frames, 3), StandardCharsets.US_ASCII));
        Request unsized = seen.get(1);
        assertEquals("def", unsized.trailers().get("x-checksum"));
        assertNull(unsized.getHeader("Transfer-Encoding"), "no HTTP/1.1 framing made up: " + unsized.requestHeaders());
        assertNull(unsized.getHeader("Content-Length"));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), unsized.content());
    }

    private static byte[] dataOf(List<H2Wire.Frame> frames, int stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.stream().filter(f -> f.type() == Http2Frame.DATA && f.stream() == stream).forEach(f -> out.writeBytes(f.payload()));
        return out.toByteArray();
    }

    /**
     * A receiver that pauses after its first piece gets nothing more while paused, though the client
     * sends within the window it has; the stream's window is not given back (no WINDOW_UPDATE on
     * stream 1), while another stream's upload is served. Resumed, it gets the rest in
     * order, then the end, and the window is given back.
     */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyReadSlowlyHoldsTheStreamsWindowOnly(boolean byteByByte) throws Exception {
        slowReader = true;
        int frameSize = 16_384;
        int frames = Http2Limits.DEFAULT.initialWindowSize() / frameSize - 1;
        H2Wire wire = opened();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        List<byte[]> input = new ArrayList<>();
        input.add(wire.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/upload", ":authority", "h"));
        for (int i = 0; i < frames; i++) {
            byte[] payload = new byte[frameSize];
            Arrays.fill(payload, (byte) i);
            sent.writeBytes(payload);
            input.add(data(1, false, payload));
        }
        wire.send(join(input), byteByByte);
        assertEquals(List.of(frameSize), pieces.subList(0, 1), "the first piece");
        assertEquals(frameSize, streamed.size(), "nothing more while paused: " + pieces);
        List<String> events = wire.events();
        assertFalse(events.contains("WINDOW_UPDATE:1"), "the stream's window is held: " + events);

        // Another stream's body flows meanwhile: the connection's window is not held.
        wire.send(join(wire.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/show", ":authority", "h"),
                data(3, true, new byte[frameSize])), byteByByte);
        List<H2Wire.Frame> other = wire.frames();
        assertEquals(frameSize, dataOf(other, 3).length, "another stream is served meanwhile");
        assertEquals(frameSize, streamed.size(), "still nothing more on the paused stream");

        receiver.transport().resumeProducing();
        assertArrayEquals(sent.toByteArray(), streamed.toByteArray(), "the rest, in order");
        events = wire.events();
        assertTrue(events.contains("WINDOW_UPDATE:1"), "the window is given back once read: " + events);
        assertNull(streamedEnd);

        wire.send(data(1, true, NO_BYTES), byteByByte);
        assertTrue(streamedEnd.check(RequestBodyDone.class) != null, String.valueOf(streamedEnd));
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
    }

    /** The end of a body that came while the receiver paused waits behind the pieces held. */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void theEndWaitsForThePiecesHeld(boolean byteByByte) throws Exception {
        slowReader = true;
        H2Wire wire = opened();
        wire.send(join(wire.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/upload", ":authority", "h",
                "content-length", "6"), data(1, false, "ab".getBytes(StandardCharsets.US_ASCII)),
                data(1, false, "cd".getBytes(StandardCharsets.US_ASCII)), data(1, true, "ef".getBytes(StandardCharsets.US_ASCII))), byteByByte);
        assertEquals("ab", streamed.toString(StandardCharsets.US_ASCII));
        assertNull(streamedEnd, "the end is held behind the body");
        assertEquals(List.of(), answers(wire.events()));
        receiver.transport().resumeProducing();
        assertEquals("abcdef", streamed.toString(StandardCharsets.US_ASCII));
        assertTrue(streamedEnd.check(RequestBodyDone.class) != null, String.valueOf(streamedEnd));
        List<H2Wire.Frame> frames = wire.frames();
        assertEquals("got 6\n", new String(dataOf(frames, 1), StandardCharsets.US_ASCII));
        assertTrue(frames.stream().noneMatch(f -> f.type() == Http2Frame.RST_STREAM), "closed cleanly");
    }

    /** The one dispatch path: {@code 100-continue} is answered with an interim HEADERS once the body is asked for. */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void expectContinueGetsAnInterimHeaders(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(wire.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/upload", ":authority", "h",
                "expect", "100-continue", "content-length", "2"), byteByByte);
        assertEquals(List.of("HEADERS:1:100"), answers(wire.events()));
        wire.send(data(1, true, "ok".getBytes(StandardCharsets.US_ASCII)), byteByByte);
        assertEquals(List.of("HEADERS:1:200"), answers(wire.events()));
        assertEquals("ok", streamed.toString(StandardCharsets.US_ASCII));
    }

    /** The one dispatch path: a method not implemented is a 501, a body over the resource's limit a 413, both unread. */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void theSitesRefusalsAreAnswersOnTheStream(boolean byteByByte) throws Exception {
        H2Wire wire = opened();
        wire.send(wire.headers(1, true, ":method", "BREW", ":scheme", "http", ":path", "/show", ":authority", "h"), byteByByte);
        assertEquals(List.of("HEADERS:1:501"), answers(wire.events()));
        long tooLarge = new Site(new Resource()).config().maxBodySize() + 1;
        wire.send(wire.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/show", ":authority", "h",
                "content-length", Long.toString(tooLarge)), byteByByte);
        // Answered without the body, then the client is told to stop sending it (RFC 9113 section 8.1).
        assertEquals(List.of("HEADERS:3:413", "RST:3:0"), answers(wire.events()));
        assertTrue(seen.isEmpty());
        assertFalse(wire.transport.isDisconnecting());
    }

    /** The one dispatch path: the guard logs a stream's request in as an HTTP/1.1 one's, from its authorization field. */
    @ParameterizedTest(name = "byte by byte: {0}")
    @ValueSource(booleans = {false, true})
    void theGuardServesStreamsAsConnections(boolean byteByByte) throws Exception {
        Resource avatar = new Resource(true) {
            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                return Rendered.text(request.getUser() + ":" + new String(request.content(), StandardCharsets.US_ASCII));
            }
        };
        Portal portal = new Portal(new SingleResourceRealm(avatar), new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "pw"));
        Resource root = new Resource();
        root.putChild("private", new HttpAuthResource(portal, List.of(new BasicCredentialFactory("private"))));
        H2Wire wire = new H2Wire(new Site(root), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck()), false);
        wire.events();
        wire.send(join(wire.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/private/x", ":authority", "h"),
                data(1, true, "hi".getBytes(StandardCharsets.US_ASCII))), byteByByte);
        List<H2Wire.Frame> frames = wire.frames();
        H2Wire.Frame refused = frames.stream().filter(f -> f.type() == Http2Frame.HEADERS).findFirst().orElseThrow();
        assertTrue(refused.fields().contains(new HeaderField(":status", "401")), refused.fields().toString());
        assertTrue(refused.fields().contains(new HeaderField("www-authenticate", "Basic realm=\"private\", charset=\"UTF-8\"")),
                refused.fields().toString());
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        wire.send(join(wire.headers(3, false, ":method", "POST", ":scheme", "https", ":path", "/private/x", ":authority", "h",
                "authorization", basic), data(3, true, "hi".getBytes(StandardCharsets.US_ASCII))), byteByByte);
        frames = wire.frames();
        assertEquals("alice:hi", new String(dataOf(frames, 3), StandardCharsets.US_ASCII));
        assertEquals("alice", seen.get(0).getUser());
    }
}
