package dev.torsion.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile requests: each must get exactly its status, a {@code Connection: close},
 * a closed connection, and never reach a resource, whether it arrives whole or byte by byte.
 */
class HostileRequestCorpusTest {
    private static final String H = "Host: a\r\n";

    static Stream<Arguments> corpus() {
        String longTarget = "/" + "a".repeat(8 * 1024);
        StringBuilder manyFields = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            manyFields.append("X-F").append(i).append(": v\r\n");
        }
        String bigField = "X-Big: " + "b".repeat(64 * 1024) + "\r\n";
        return Stream.of(
                Arguments.of("CL and TE", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE and CL", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
                Arguments.of("differing CL fields", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                Arguments.of("differing CL list", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 5, 6\r\n\r\nhello!"),
                Arguments.of("CL with plus", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: +5\r\n\r\nhello"),
                Arguments.of("negative CL", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n"),
                Arguments.of("CL with letters", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 5x\r\n\r\nhello"),
                Arguments.of("CL hex", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 0x5\r\n\r\nhello"),
                Arguments.of("CL empty", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: \r\n\r\n"),
                Arguments.of("CL underscore", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 1_0\r\n\r\n"),
                Arguments.of("CL overflow", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999\r\n\r\n"),
                Arguments.of("TE gzip", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n"),
                Arguments.of("TE gzip, chunked", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE chunked twice", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE identity", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: identity\r\n\r\n"),
                Arguments.of("TE xchunked", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE in HTTP/1.0", 400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("obs-fold", 400, "GET / HTTP/1.1\r\n" + H + "X-A: one\r\n two\r\n\r\n"),
                Arguments.of("obs-fold tab", 400, "GET / HTTP/1.1\r\n" + H + "X-A: one\r\n\ttwo\r\n\r\n"),
                Arguments.of("space before colon", 400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                Arguments.of("bare LF in field", 400, "GET / HTTP/1.1\r\nHost: a\nX-B: c\r\n\r\n"),
                Arguments.of("bare LF ends head", 400, "GET / HTTP/1.1\r\n" + H + "\n"),
                Arguments.of("bare LF request line", 400, "GET / HTTP/1.1\n" + H + "\r\n"),
                Arguments.of("bare CR in field", 400, "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n"),
                Arguments.of("bare CR in request line", 400, "GET /\r HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("NUL in field", 400, "GET / HTTP/1.1\r\n" + H + "X-A: a\0b\r\n\r\n"),
                Arguments.of("DEL in field", 400, "GET / HTTP/1.1\r\n" + H + "X-A: a\u007fb\r\n\r\n"),
                Arguments.of("empty field name", 400, "GET / HTTP/1.1\r\n" + H + ": x\r\n\r\n"),
                Arguments.of("field without colon", 400, "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n"),
                Arguments.of("chunk size letters", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
                Arguments.of("chunk size negative", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size 0x", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size leading space", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size trailing junk", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5 5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size empty", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size overflow", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\nx\r\n"),
                Arguments.of("chunk data overrun", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n"),
                Arguments.of("chunk bare LF", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"),
                Arguments.of("missing Host", 400, "GET / HTTP/1.1\r\n\r\n"),
                Arguments.of("two Hosts", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("HTTP/2.0", 505, "GET / HTTP/2.0\r\n" + H + "\r\n"),
                Arguments.of("HTTP/0.9 style", 400, "GET /\r\n\r\n"),
                Arguments.of("lowercase version", 400, "GET / http/1.1\r\n" + H + "\r\n"),
                Arguments.of("version junk", 400, "GET / HTTP/1.1x\r\n" + H + "\r\n"),
                Arguments.of("bad method", 400, "GE(T / HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("space in target", 400, "GET /a b HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("double space", 400, "GET  / HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("non-ASCII target", 400, "GET /\u00e9 HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("relative target", 400, "GET foo HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("fragment in target", 400, "GET /a#b HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("asterisk outside OPTIONS", 400, "GET * HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("unknown expectation", 417, "POST / HTTP/1.1\r\n" + H + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\nx"),
                Arguments.of("request line too long", 414, "GET " + longTarget + " HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("too many fields", 431, "GET / HTTP/1.1\r\n" + H + manyFields + "\r\n"),
                Arguments.of("field section too large", 431, "GET / HTTP/1.1\r\n" + H + bigField + "\r\n"),
                Arguments.of("lower-case method (RFC 9110 9.1)", 501, "get / HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("unknown method (RFC 9110 9.1)", 501, "FROB / HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("mixed-case method", 501, "Get / HTTP/1.1\r\n" + H + "\r\n"),
                Arguments.of("Host with a path (RFC 9112 3.2)", 400, "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"),
                Arguments.of("Host with userinfo", 400, "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n"),
                Arguments.of("Host with a space", 400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                Arguments.of("Host port not digits", 400, "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n"),
                Arguments.of("Host two colons", 400, "GET / HTTP/1.1\r\nHost: a:1:2\r\n\r\n"),
                Arguments.of("Host open bracket", 400, "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n"),
                Arguments.of("Host bad IP literal", 400, "GET / HTTP/1.1\r\nHost: [zz]\r\n\r\n"),
                Arguments.of("Host bad percent", 400, "GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n"),
                Arguments.of("two Hosts in HTTP/1.0", 400, "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"),
                Arguments.of("too many empty lines", 400, "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n"));
    }

    /** A resource that counts every request that reaches it. */
    private static final class Counting extends Resource {
        int rendered;

        Counting() {
            super(true);
        }

        @Override
        public Rendered render(Request request) {
            rendered++;
            return Rendered.empty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWhole(String name, int status, String request) {
        check(status, request, false);
    }

    @ParameterizedTest(name = "{0} byte by byte")
    @MethodSource("corpus")
    void refusedByteByByte(String name, int status, String request) {
        check(status, request, true);
    }

    /** A resource that streams its body: errors found inside the body come after it rendered. */
    private static final class StreamingSink extends Resource {
        int rendered;
        final List<String> endings = new ArrayList<>();

        StreamingSink() {
            super(true);
        }

        @Override
        public boolean streamsRequestBody(Request request) {
            return true;
        }

        @Override
        public Rendered render(Request request) {
            rendered++;
            request.deliverBody(new Protocol() {
                @Override
                public void connectionLost(Failure reason) {
                    endings.add(reason.type().getSimpleName());
                }
            });
            return NOT_DONE_YET;
        }
    }

    /**
     * The same corpus to a resource that streams: each request gets the same status and close; a
     * request refused at its head never reaches the resource, and one refused inside its body
     * ends the body's stream with the error instead of completing it.
     */
    @ParameterizedTest(name = "{0} streamed")
    @MethodSource("corpus")
    void refusedWhileStreaming(String name, int status, String request) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            StreamingSink sink = new StreamingSink();
            Wire wire = new Wire(new Site(sink));
            wire.send(request, byteByByte);
            String output = wire.output();
            assertTrue(output.startsWith("HTTP/1.1 " + status + " "), output.length() > 200 ? output.substring(0, 200) : output);
            assertTrue(output.contains("\r\nConnection: close\r\n"), "must announce the close");
            assertTrue(wire.closed(), "must close");
            assertEquals(1, wire.responses().length, "exactly one answer");
            assertEquals(sink.rendered == 0 ? List.of() : List.of("HttpError"), sink.endings,
                    "a body refused midway ends with the error, never as complete");
        }
    }

    private static void check(int status, String request, boolean byteByByte) {
        Counting counting = new Counting();
        Wire wire = new Wire(new Site(counting));
        wire.send(request, byteByByte);
        String output = wire.output();
        assertTrue(output.startsWith("HTTP/1.1 " + status + " "), output.length() > 200 ? output.substring(0, 200) : output);
        assertTrue(output.contains("\r\nConnection: close\r\n"), "must announce the close");
        assertTrue(wire.closed(), "must close");
        assertEquals(0, counting.rendered, "a refused request must not reach a resource");
        assertEquals(1, wire.responses().length, "exactly one answer");
        int before = output.length();
        wire.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(before, wire.output().length(), "nothing more is read after a refusal");
    }

    @Test
    void smugglingAfterAValidRequestIsRefusedAfterItsAnswer() {
        Counting counting = new Counting();
        Wire wire = new Wire(new Site(counting));
        wire.sendByteByByte("GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertTrue(responses[0].startsWith("HTTP/1.1 200 "));
        assertTrue(responses[1].startsWith("HTTP/1.1 400 "));
        assertEquals(1, counting.rendered);
    }

    @Test
    void everyTwoPieceSplitOfPipelinedRequestsGivesTheSameAnswers() {
        String requests = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: 1\r\n\r\n"
                + "GET /y?q=1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /z HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi";
        String expected = null;
        for (int split = 0; split <= requests.length(); split++) {
            Counting counting = new Counting();
            Wire wire = new Wire(new Site(counting, ServerConfig.DEFAULT.withServerName(null)));
            wire.send(requests.substring(0, split));
            wire.send(requests.substring(split));
            String output = wire.output().replaceAll("Date: [^\r]*\r\n", "");
            if (expected == null) {
                expected = output;
            }
            assertEquals(expected, output, "split at " + split);
            assertEquals(3, counting.rendered);
            assertTrue(wire.closed(), "HTTP/1.0 last request closes");
        }
    }

    @Test
    void seededFuzzNeverEscapesTheProtocol() {
        Random random = new Random(20261125L);
        String valid = "POST /a?b=c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Y: z\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n";
        byte[] alphabet = "\r\n :;0123456789abcdefABCDEF-+,\t\0xHTTP/1.".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = valid.getBytes(StandardCharsets.ISO_8859_1);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            Counting counting = new Counting();
            Wire wire = new Wire(new Site(counting));
            List<byte[]> pieces = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int length = 1 + random.nextInt(Math.min(20, bytes.length - at));
                pieces.add(Arrays.copyOfRange(bytes, at, at + length));
                at += length;
            }
            for (byte[] piece : pieces) {
                wire.channel.dataReceived(piece);
            }
            String output = wire.output();
            for (String response : wire.responses()) {
                int status = Integer.parseInt(response.substring(9, 12));
                assertTrue(status == 200 || status == 400 || status == 404 || status == 405 || status == 417 || status == 501
                        || status == 505 || status == 413 || status == 431 || status == 414, response);
                if (status >= 400 && status != 404 && status != 405) {
                    assertTrue(wire.closed(), "refusal closes: " + output);
                }
            }
        }
    }
}
