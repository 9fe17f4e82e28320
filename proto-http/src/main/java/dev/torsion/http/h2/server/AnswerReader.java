package dev.torsion.http.h2.server;

import dev.torsion.http.HttpStatus;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.parse.HttpParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads back the HTTP/1.1 answer a stream's channel writes, as the parts HTTP/2 sends: the head as
 * a field list (names lower-cased, the connection-specific fields of RFC 9113 section 8.2.2 left
 * out), the body pieces, the trailers. It reads what this server's own {@code Request} and
 * {@code HttpChannel} write (a status line, fields, a body of a Content-Length, chunked or to the
 * close), not a peer's bytes: so it checks framing only, not the syntax rules the request parser
 * enforces against clients, which cost more than the rest of a small answer. A body piece that is
 * a whole write is passed on as it is, without a copy.
 */
final class AnswerReader {
    /** Section 8.2.2: these never go into an HTTP/2 response. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");
    /** No line of an answer this server writes comes near this; past it the answer is broken. */
    private static final int MAX_LINE = 1 << 20;

    /** What the answer is made of, as it is read. */
    interface Parts {
        /** An interim (1xx) head. */
        void interim(List<HeaderField> fields);

        /** The final head, {@code :status} first; may call {@link #expectNoBody()} (HEAD, 204, 304). */
        void head(int status, List<HeaderField> fields);

        /** A piece of the body. */
        void body(byte[] piece);

        /** The end of the answer, with its trailers (empty when none). */
        void end(List<HeaderField> trailers);
    }

    /** Where the reading is. */
    private enum Part { STATUS_LINE, FIELDS, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final Parts parts;
    private Part part = Part.STATUS_LINE;
    private byte[] line = new byte[128];
    private int lineLength;
    private int status;
    private List<HeaderField> fields;
    private boolean chunked;
    private long contentLength;
    private boolean noBody;
    private long remaining;

    AnswerReader(Parts parts) {
        this.parts = parts;
    }

    /** The answer has no body whatever its head says (the request was a HEAD, or the status is 204 or 304). */
    void expectNoBody() {
        noBody = true;
    }

    /** Whether the answer has ended. */
    boolean isDone() {
        return part == Part.DONE;
    }

    void feed(byte[] data) throws HttpParseException {
        int at = 0;
        while (at < data.length && part != Part.DONE) {
            switch (part) {
                case LENGTH_BODY, CHUNK_DATA -> at = readBody(data, at);
                case UNTIL_CLOSE -> {
                    parts.body(at == 0 ? data : Arrays.copyOfRange(data, at, data.length));
                    at = data.length;
                }
                default -> at = readLine(data, at);
            }
        }
    }

    private int readBody(byte[] data, int at) {
        int take = (int) Math.min(remaining, data.length - at);
        parts.body(at == 0 && take == data.length ? data : Arrays.copyOfRange(data, at, at + take));
        remaining -= take;
        if (remaining == 0) {
            if (part == Part.CHUNK_DATA) {
                part = Part.CHUNK_END;
            } else {
                ended(List.of());
            }
        }
        return at + take;
    }

    /** Gathers a line up to its LF; a whole one is handled. */
    private int readLine(byte[] data, int at) throws HttpParseException {
        int end = at;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        boolean whole = end < data.length;
        int take = (whole ? end + 1 : end) - at;
        if (lineLength + take > MAX_LINE) {
            throw broken("a line over " + MAX_LINE + " octets");
        }
        if (lineLength + take > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + take));
        }
        System.arraycopy(data, at, line, lineLength, take);
        lineLength += take;
        if (whole) {
            int length = lineLength - 1;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            lineLength = 0;
            lineRead(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        }
        return at + take;
    }

    private void lineRead(String text) throws HttpParseException {
        switch (part) {
            case STATUS_LINE -> statusLine(text);
            case FIELDS -> {
                if (text.isEmpty()) {
                    headEnded();
                } else {
                    field(text, true);
                }
            }
            case CHUNK_SIZE -> chunkSize(text);
            case CHUNK_END -> {
                if (!text.isEmpty()) {
                    throw broken("no CRLF after a chunk");
                }
                part = Part.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    ended(fields);
                } else {
                    field(text, false);
                }
            }
            default -> throw new IllegalStateException(part.name());
        }
    }

    /** {@code HTTP/1.1 200 OK}. */
    private void statusLine(String text) throws HttpParseException {
        if (text.length() < 12 || !text.startsWith("HTTP/1.") || text.charAt(8) != ' ') {
            throw broken("no status line");
        }
        try {
            status = Integer.parseInt(text, 9, 12, 10);
        } catch (NumberFormatException e) {
            throw broken("no status code");
        }
        fields = new ArrayList<>(8);
        fields.add(new HeaderField(":status", text.substring(9, 12)));
        chunked = false;
        contentLength = -1;
        part = Part.FIELDS;
    }

    private void field(String text, boolean inHead) throws HttpParseException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw broken("a field line without a name");
        }
        String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        if (inHead && name.equals("transfer-encoding")) {
            chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (inHead && name.equals("content-length")) {
            try {
                contentLength = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw broken("an invalid content-length");
            }
        }
        if (!HOP_BY_HOP.contains(name)) {
            fields.add(new HeaderField(name, value));
        }
    }

    private void headEnded() {
        if (status < 200) {
            // Section 8.1: an interim answer (100 Continue) has no body; the final one follows.
            parts.interim(fields);
            part = Part.STATUS_LINE;
            return;
        }
        List<HeaderField> head = fields;
        fields = null;
        parts.head(status, head);
        if (noBody || status == 204 || status == 304 || (!chunked && contentLength == 0)) {
            ended(List.of());
        } else if (chunked) {
            part = Part.CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            part = Part.LENGTH_BODY;
        } else {
            part = Part.UNTIL_CLOSE;
        }
    }

    private void chunkSize(String text) throws HttpParseException {
        int end = text.indexOf(';');
        String hex = (end < 0 ? text : text.substring(0, end)).strip();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw broken("an invalid chunk size");
        }
        if (size < 0) {
            throw broken("an invalid chunk size");
        }
        if (size == 0) {
            fields = new ArrayList<>(0);
            part = Part.TRAILERS;
        } else {
            remaining = size;
            part = Part.CHUNK_DATA;
        }
    }

    private void ended(List<HeaderField> trailers) {
        part = Part.DONE;
        fields = null;
        parts.end(trailers);
    }

    private static HttpParseException broken(String why) {
        return new HttpParseException(HttpStatus.INTERNAL_SERVER_ERROR, "the site's answer is broken: " + why);
    }
}
