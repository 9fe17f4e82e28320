package dev.torsion.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one HTTP/1.1 serialiser: exact bytes, and bodies never copied. */
class MessageWriterTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void headsAreStartLineFieldsAndAnEmptyLine() {
        assertEquals("HTTP/1.1 404 Not Found\r\nA: 1\r\nA: 2\r\n\r\n",
                text(MessageWriter.responseHead(404, "Not Found", Headers.of("A", "1", "A", "2"))));
        assertEquals("PUT /x?y HTTP/1.1\r\nHost: h\r\n\r\n",
                text(MessageWriter.requestHead("PUT", "/x?y", Headers.of("Host", "h"))));
    }

    @Test
    void aChunkFramesTheDataWithoutCopyingIt() {
        byte[] data = new byte[300];
        List<byte[]> chunk = MessageWriter.chunk(data);
        assertEquals("12c\r\n", text(chunk.get(0)));
        assertSame(data, chunk.get(1));
        assertEquals("\r\n", text(chunk.get(2)));
        assertTrue(MessageWriter.chunk(new byte[0]).isEmpty(), "an empty chunk would end the body");
    }

    @Test
    void theLastChunkCarriesTheTrailers() {
        assertEquals("0\r\n\r\n", text(MessageWriter.lastChunk(null)));
        assertEquals("0\r\nDigest: x\r\n\r\n", text(MessageWriter.lastChunk(Headers.of("Digest", "x"))));
    }

    @Test
    void sharedBytesAreHandedOutAsCopies() {
        byte[] first = MessageWriter.CONTINUE.bytes();
        first[0] = 'X';
        assertNotSame(first, MessageWriter.CONTINUE.bytes());
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", text(MessageWriter.CONTINUE.bytes()));
    }
}
