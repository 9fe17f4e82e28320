package dev.torsion.http.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    /** Parses {@code text} fed in pieces of {@code step} bytes and describes the events. */
    private static List<String> parse(String text, int step, boolean endInput, boolean noBodyAfterHead) throws HttpParseException {
        HttpMessageParser parser = HttpMessageParser.forResponses(ParserLimits.DEFAULT);
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < bytes.length; at += step) {
            parser.feed(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + step)));
            drain(parser, events, body, noBodyAfterHead);
        }
        if (endInput) {
            parser.feedEnd();
            drain(parser, events, body, noBodyAfterHead);
        }
        return events;
    }

    private static void drain(HttpMessageParser parser, List<String> events, ByteArrayOutputStream body,
            boolean noBodyAfterHead) throws HttpParseException {
        HttpMessageParser.Event event;
        while ((event = parser.next()) != HttpMessageParser.Event.NEED_DATA) {
            switch (event) {
                case HEAD -> {
                    events.add("head " + parser.head().status() + " " + parser.head().reason());
                    if (noBodyAfterHead) {
                        parser.expectNoBody();
                    }
                }
                case BODY -> body.writeBytes(parser.body());
                case END -> {
                    events.add("body " + body.toString(StandardCharsets.ISO_8859_1) + " trailers " + parser.trailers());
                    body.reset();
                }
                default -> throw new AssertionError(event);
            }
        }
    }

    @Test
    void sizedChunkedInterimAndUntilClose() throws HttpParseException {
        String responses = "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
                + "HTTP/1.0 200 OK\r\n\r\nto the end";
        for (int step = 1; step <= responses.length(); step += 7) {
            assertEquals(List.of("head 100 Continue", "body  trailers Headers[]", "head 200 OK", "body hello trailers Headers[]",
                    "head 201 Created", "body abc trailers Headers[X-T: 1]", "head 304 Not Modified", "body  trailers Headers[]",
                    "head 200 OK", "body to the end trailers Headers[]"), parse(responses, step, true, false), "step " + step);
        }
    }

    @Test
    void headResponsesHaveNoBody() throws HttpParseException {
        assertEquals(List.of("head 200 OK", "body  trailers Headers[]", "head 404 Not Found", "body  trailers Headers[]"),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\n",
                        1, false, true));
    }

    @Test
    void truncatedBodyIsAnError() {
        assertThrows(HttpParseException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 3, true, false));
    }

    @Test
    void malformedStatusLines() {
        for (String bad : new String[] {"HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1200 OK\r\n\r\n",
                "ICY 200 OK\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n"}) {
            assertThrows(HttpParseException.class, () -> parse(bad, 1, false, false), bad);
        }
    }

    @Test
    void seededFuzzOnlyEverRaisesParseErrors() {
        Random random = new Random(77);
        String valid = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\nHTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc";
        byte[] alphabet = "\r\n :;0123456789abcdefxHTP/.-,\t\0".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 5000; round++) {
            byte[] bytes = valid.getBytes(StandardCharsets.ISO_8859_1);
            for (int m = random.nextInt(4); m >= 0; m--) {
                bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            HttpMessageParser parser = HttpMessageParser.forResponses(ParserLimits.DEFAULT);
            try {
                int at = 0;
                while (at < bytes.length) {
                    int length = 1 + random.nextInt(Math.min(16, bytes.length - at));
                    parser.feed(Arrays.copyOfRange(bytes, at, at + length));
                    at += length;
                    while (parser.next() != HttpMessageParser.Event.NEED_DATA) {
                        // drain
                    }
                }
                parser.feedEnd();
                while (parser.next() != HttpMessageParser.Event.NEED_DATA) {
                    // drain
                }
            } catch (HttpParseException expected) {
                // refused: that is the only failure allowed
            }
        }
    }
}
