package dev.torsion.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one serialiser of HTTP/1.1 messages, for the server and the client alike (RFC 9112): start
 * lines with their header section, chunk framing, and the last chunk with its trailer section.
 * Bodies are never copied: a chunk is three pieces for {@code Transport.writeSequence}.
 */
public final class MessageWriter {
    /** An interim {@code 100 Continue} response (RFC 9110 section 15.2.1). */
    public static final Interim CONTINUE = new Interim("HTTP/1.1 100 Continue\r\n\r\n");

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK_NO_TRAILERS = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** A fixed message whose bytes are copied out, so that nobody can change the shared ones. */
    public static final class Interim {
        private final byte[] bytes;

        private Interim(String text) {
            this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** A fresh copy of the message's bytes (a transport may keep what it is given). */
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private MessageWriter() {
    }

    /** A response head: {@code HTTP/1.1 status reason}, the fields, and the empty line (RFC 9112 section 4). */
    public static byte[] responseHead(int status, String reason, Headers headers) {
        return head(new StringBuilder(128 + headers.size() * 32)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason), headers);
    }

    /** A request head: {@code method target HTTP/1.1}, the fields, and the empty line (RFC 9112 section 3). */
    public static byte[] requestHead(String method, String target, Headers headers) {
        return head(new StringBuilder(128 + headers.size() * 32)
                .append(method).append(' ').append(target).append(" HTTP/1.1"), headers);
    }

    private static byte[] head(StringBuilder text, Headers headers) {
        text.append("\r\n");
        appendFields(text, headers);
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void appendFields(StringBuilder text, Headers headers) {
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    }

    /**
     * One chunk of a chunked body (RFC 9112 section 7.1): its size line, the data itself (not
     * copied) and its CRLF, as pieces for one {@code writeSequence}. Empty data makes no chunk (a
     * zero-size chunk would end the body): an empty list.
     */
    public static List<byte[]> chunk(byte[] data) {
        if (data.length == 0) {
            return List.of();
        }
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return List.of(size, data, CRLF.clone());
    }

    /** The last chunk with its trailer section, which may be empty (RFC 9112 section 7.1.2). */
    public static byte[] lastChunk(Headers trailers) {
        if (trailers == null || trailers.size() == 0) {
            return LAST_CHUNK_NO_TRAILERS.clone();
        }
        StringBuilder text = new StringBuilder("0\r\n");
        appendFields(text, trailers);
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
