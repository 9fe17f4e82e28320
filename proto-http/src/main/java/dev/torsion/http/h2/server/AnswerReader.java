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
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

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
    private final FieldLines known;
    private Part part = Part.STATUS_LINE;
    /** A line split across writes, gathered (made when first needed: most answers come in whole lines). */
    private byte[] line = new byte[0];
    private int lineLength;
    private int status;
    private List<HeaderField> fields;
    private boolean chunked;
    private long contentLength;
    private boolean noBody;
    private long remaining;

    /** A reader telling {@code parts}, its field lines looked up in (and kept in) {@code known}. */
    AnswerReader(Parts parts, FieldLines known) {
        this.parts = parts;
        this.known = known;
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

    /** Reads a line up to its LF: in place when it is whole in {@code data}, else gathered first. */
    private int readLine(byte[] data, int at) throws HttpParseException {
        int end = at;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        boolean whole = end < data.length;
        if (whole && lineLength == 0) {
            lineRead(data, at, end);
            return end + 1;
        }
        int take = (whole ? end + 1 : end) - at;
        if (lineLength + take > MAX_LINE) {
            throw broken("a line over " + MAX_LINE + " octets");
        }
        if (lineLength + take > line.length) {
            line = Arrays.copyOf(line, Math.max(Math.max(line.length * 2, 128), lineLength + take));
        }
        System.arraycopy(data, at, line, lineLength, take);
        lineLength += take;
        if (whole) {
            int length = lineLength - 1;
            lineLength = 0;
            lineRead(line, 0, length);
        }
        return at + take;
    }

    /** The line in {@code bytes} from {@code from} to {@code to} (its LF), without its CR. */
    private void lineRead(byte[] bytes, int from, int to) throws HttpParseException {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        boolean empty = to == from;
        switch (part) {
            case STATUS_LINE -> statusLine(bytes, from, to);
            case FIELDS -> {
                if (empty) {
                    headEnded();
                } else {
                    field(bytes, from, to, true);
                }
            }
            case CHUNK_SIZE -> chunkSize(bytes, from, to);
            case CHUNK_END -> {
                if (!empty) {
                    throw broken("no CRLF after a chunk");
                }
                part = Part.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (empty) {
                    ended(fields);
                } else {
                    field(bytes, from, to, false);
                }
            }
            default -> throw new IllegalStateException(part.name());
        }
    }

    /** {@code HTTP/1.1 200 OK}. */
    private void statusLine(byte[] bytes, int from, int to) throws HttpParseException {
        if (to - from < 12 || !Arrays.equals(bytes, from, from + 7, HTTP_1, 0, 7) || bytes[from + 8] != ' ') {
            throw broken("no status line");
        }
        status = 0;
        for (int i = from + 9; i < from + 12; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw broken("no status code");
            }
            status = status * 10 + digit;
        }
        fields = new ArrayList<>(8);
        fields.add(new HeaderField(":status", statusText(status)));
        chunked = false;
        contentLength = -1;
        part = Part.FIELDS;
    }

    private static String statusText(int code) {
        return code == 200 ? "200" : Integer.toString(code);
    }

    /** {@code Name: value}: the name lower-cased as it is read, the value without the white space at its ends. */
    private void field(byte[] bytes, int from, int to, boolean inHead) throws HttpParseException {
        HeaderField field = known.find(bytes, from, to);
        if (field == null) {
            field = parseField(bytes, from, to);
            known.keep(bytes, from, to, field);
        }
        String name = field.name();
        if (inHead && name.equals("transfer-encoding")) {
            chunked = field.value().toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (inHead && name.equals("content-length")) {
            try {
                contentLength = Long.parseLong(field.value());
            } catch (NumberFormatException e) {
                throw broken("an invalid content-length");
            }
        }
        if (!HOP_BY_HOP.contains(name)) {
            fields.add(field);
        }
    }

    private static HeaderField parseField(byte[] bytes, int from, int to) throws HttpParseException {
        int colon = from;
        while (colon < to && bytes[colon] != ':') {
            colon++;
        }
        if (colon == from || colon == to) {
            throw broken("a field line without a name");
        }
        byte[] lower = new byte[colon - from];
        for (int i = from; i < colon; i++) {
            byte b = bytes[i];
            lower[i - from] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        }
        String name = new String(lower, StandardCharsets.ISO_8859_1);
        int start = colon + 1;
        while (start < to && (bytes[start] == ' ' || bytes[start] == '\t')) {
            start++;
        }
        int end = to;
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        return new HeaderField(name, new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
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

    /** A chunk's size in hex, before any extension. */
    private void chunkSize(byte[] bytes, int from, int to) throws HttpParseException {
        long size = 0;
        int digits = 0;
        for (int i = from; i < to && bytes[i] != ';' && bytes[i] != ' ' && bytes[i] != '\t'; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0 || ++digits > 15) {
                throw broken("an invalid chunk size");
            }
            size = size * 16 + digit;
        }
        if (digits == 0) {
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
