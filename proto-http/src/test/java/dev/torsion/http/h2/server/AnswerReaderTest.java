package dev.torsion.http.h2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.parse.HttpParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel's HTTP/1.1 answers read back as HTTP/2's parts, whole and byte by byte. */
class AnswerReaderTest {
    /** Shared by every answer read here, as by a connection's streams: a line read before is looked up, never misread. */
    private static final FieldLines KNOWN = new FieldLines();
    /** What the reader told, in order ("interim:100", "head:200 [fields]", "body:text", "end:[trailers]"). */
    private static final class Recorder implements AnswerReader.Parts {
        final List<String> parts = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<byte[]> pieces = new ArrayList<>();
        boolean noBodyOnHead;
        AnswerReader reader;

        @Override
        public void interim(List<HeaderField> fields) {
            parts.add("interim:" + text(fields));
        }

        @Override
        public void head(int status, List<HeaderField> fields) {
            parts.add("head:" + status + " " + text(fields));
            if (noBodyOnHead) {
                reader.expectNoBody();
            }
        }

        @Override
        public void body(byte[] piece) {
            pieces.add(piece);
            body.writeBytes(piece);
        }

        @Override
        public void end(List<HeaderField> trailers) {
            parts.add("body:" + body.toString(StandardCharsets.ISO_8859_1));
            parts.add("end:" + text(trailers));
        }
    }

    private static String text(List<HeaderField> fields) {
        return fields.stream().map(field -> field.name() + ": " + field.value()).toList().toString();
    }

    private static Recorder read(String answer, boolean byteByByte, boolean headRequest) throws HttpParseException {
        Recorder recorder = new Recorder();
        recorder.noBodyOnHead = headRequest;
        recorder.reader = new AnswerReader(recorder, KNOWN);
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        if (byteByByte) {
            for (byte b : bytes) {
                recorder.reader.feed(new byte[] {b});
            }
        } else {
            recorder.reader.feed(bytes);
        }
        return recorder;
    }

    private static void both(String answer, boolean headRequest, String... expected) throws HttpParseException {
        assertEquals(List.of(expected), read(answer, false, headRequest).parts);
        assertEquals(List.of(expected), read(answer, true, headRequest).parts);
    }

    @Test
    void aSizedAnswerLosesItsConnectionFields() throws HttpParseException {
        both("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 5\r\n\r\nHello", false,
                "head:200 [:status: 200, date: x, content-type: text/plain, content-length: 5]", "body:Hello", "end:[]");
    }

    @Test
    void aChunkedAnswerWithTrailers() throws HttpParseException {
        both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n1;x=y\r\n!\r\n0\r\nChecksum: abc\r\n\r\n", false,
                "head:200 [:status: 200]", "body:Hello!", "end:[checksum: abc]");
    }

    @Test
    void anInterimAnswerThenTheFinalOne() throws HttpParseException {
        both("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nServer: t\r\n\r\n", false,
                "interim:[:status: 100]", "head:204 [:status: 204, server: t]", "body:", "end:[]");
    }

    @Test
    void theAnswerToAHeadHasNoBodyWhateverItsLength() throws HttpParseException {
        both("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true,
                "head:200 [:status: 200, content-length: 5]", "body:", "end:[]");
    }

    @Test
    void anAnswerToTheCloseGoesOnUntilThen() throws HttpParseException {
        Recorder recorder = read("HTTP/1.1 200 OK\r\n\r\nsome", false, false);
        assertEquals(List.of("head:200 [:status: 200]"), recorder.parts);
        assertEquals("some", recorder.body.toString(StandardCharsets.ISO_8859_1));
        assertFalse(recorder.reader.isDone());
    }

    @Test
    void aWholeBodyWriteIsPassedOnUncopied() throws HttpParseException {
        byte[] body = "Hello".getBytes(StandardCharsets.ISO_8859_1);
        Recorder recorder = new Recorder();
        AnswerReader reader = new AnswerReader(recorder, new FieldLines());
        reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        reader.feed(body);
        assertSame(body, recorder.pieces.get(0));
        assertTrue(reader.isDone());
    }

    @Test
    void brokenAnswersAreRefused() {
        for (String broken : List.of("garbage\r\n", "HTTP/1.1 2x0 OK\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n")) {
            assertThrows(HttpParseException.class, () -> read(broken, false, false), broken);
        }
    }
}
