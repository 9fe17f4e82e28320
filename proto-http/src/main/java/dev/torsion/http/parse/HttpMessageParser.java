package dev.torsion.http.parse;

import dev.torsion.http.Headers;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An incremental HTTP/1.x message parser, strict where leniency lets two parties disagree on where
 * a message ends (request smuggling). Bytes go in with {@link #feed} in pieces of any size;
 * {@link #next()} hands out what they complete, one event at a time:
 * {@link Event#HEAD} (see {@link #head()}), {@link Event#BODY} (see {@link #body()}),
 * {@link Event#END} (see {@link #trailers()}), or {@link Event#NEED_DATA}.
 *
 * <p>The caller decides when to ask: a server stops calling {@link #next()} after an {@code END}
 * until it has answered, which keeps pipelined requests waiting in the buffer and so keeps the
 * responses in order. Refused input raises {@link HttpParseException} with the status to answer;
 * the parser is unusable afterwards.
 *
 * <p>Refused: bare CR or LF (every line ends in CRLF), obs-fold, whitespace before a field's colon,
 * control characters in values, both Content-Length and Transfer-Encoding, differing or malformed
 * Content-Lengths, any transfer coding but a lone {@code chunked}, malformed chunk sizes or chunk
 * ends, a missing, repeated or malformed Host in requests (RFC 9112 section 3.2), and anything over
 * the {@link ParserLimits}. Each decision cites its RFC section where it is made.
 */
public final class HttpMessageParser {
    /** What {@link #next()} found. */
    public enum Event {
        /** More bytes are needed. */
        NEED_DATA,
        /** A start line and header section are complete: {@link #head()}. */
        HEAD,
        /** A piece of the body: {@link #body()}. */
        BODY,
        /** The message is complete: {@link #trailers()}. */
        END
    }

    private enum State { START_LINE, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE, FAILED }

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_LEADING_EMPTY_LINES = 4;
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private final boolean requests;
    private final ParserLimits limits;
    private State state = State.START_LINE;
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
    private boolean ownsBuffer;
    private int scan;
    private boolean inputEnded;
    private boolean endPending;

    private String[] startLine;
    private MessageHead head;
    private Headers fields;
    private int fieldBytes;
    private int leadingEmptyLines;
    private long remaining;
    private long contentLength;
    private boolean chunked;
    private byte[] body = EMPTY;
    private Headers trailers = new Headers();

    private HttpMessageParser(boolean requests, ParserLimits limits) {
        this.requests = requests;
        this.limits = limits;
    }

    /** A parser of requests, as a server reads them. */
    public static HttpMessageParser forRequests(ParserLimits limits) {
        return new HttpMessageParser(true, limits);
    }

    /** A parser of responses, as a client reads them. */
    public static HttpMessageParser forResponses(ParserLimits limits) {
        return new HttpMessageParser(false, limits);
    }

    /** Adds received bytes; the array becomes the parser's. */
    public void feed(byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (start == end) {
            buffer = data;
            start = 0;
            end = data.length;
            scan = 0;
            ownsBuffer = false;
            return;
        }
        int used = end - start;
        if (!ownsBuffer || buffer.length - end < data.length) {
            byte[] grown = new byte[Math.max(used + data.length, Math.min(buffer.length * 2, used + data.length + 8192))];
            System.arraycopy(buffer, start, grown, 0, used);
            scan -= start;
            buffer = grown;
            start = 0;
            end = used;
            ownsBuffer = true;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    /** Tells the parser the peer closed: a body read until close ends, anything else partial is an error. */
    public void feedEnd() {
        inputEnded = true;
    }

    /** Bytes received and not yet handed out. */
    public int buffered() {
        return end - start;
    }

    /**
     * Takes the bytes received and not yet handed out, leaving the parser empty: after a
     * {@code 101 Switching Protocols} (RFC 9110 section 15.2.2) they belong to the new protocol.
     */
    public byte[] takeBuffered() {
        byte[] rest = Arrays.copyOfRange(buffer, start, end);
        buffer = EMPTY;
        start = 0;
        end = 0;
        scan = 0;
        ownsBuffer = false;
        return rest;
    }

    /** Whether the parser sits between messages with nothing of the next one received. */
    public boolean isIdle() {
        return state == State.START_LINE && start == end && !endPending;
    }

    /** Whether the parser has started on a message it has not finished. */
    public boolean isInsideMessage() {
        return !(state == State.START_LINE && !endPending && (start == end || onlyLineEnds()));
    }

    private boolean onlyLineEnds() {
        for (int i = start; i < end; i++) {
            if (buffer[i] != '\r' && buffer[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The head of the current message, after {@link Event#HEAD}. */
    public MessageHead head() {
        return head;
    }

    /** The body piece of the last {@link Event#BODY}. */
    public byte[] body() {
        return body;
    }

    /** The trailer fields of the message that just ended (empty unless it was chunked and had some). */
    public Headers trailers() {
        return trailers;
    }

    /** The declared Content-Length of the current message, or -1 when it has none. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the current message's body is chunked. */
    public boolean isChunked() {
        return chunked;
    }

    /**
     * For a response: declares, right after its {@link Event#HEAD}, that it has no body whatever its
     * headers say (the answer to a HEAD request, or a 1xx). The next event is {@link Event#END}.
     */
    public void expectNoBody() {
        state = State.START_LINE;
        endPending = true;
        trailers = new Headers();
    }

    /** Returns the next event; see the class comment. */
    public Event next() throws HttpParseException {
        try {
            return step();
        } catch (HttpParseException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private Event step() throws HttpParseException {
        if (endPending) {
            endPending = false;
            return Event.END;
        }
        while (true) {
            switch (state) {
                case START_LINE -> {
                    String line = readLine(limits.maxStartLine(), requests ? HttpStatus.URI_TOO_LONG : HttpStatus.BAD_GATEWAY);
                    if (line == null) {
                        return needData();
                    }
                    if (line.isEmpty()) {
                        if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                            throw new HttpParseException(HttpStatus.BAD_REQUEST, "too many empty lines before the start line");
                        }
                        continue;
                    }
                    leadingEmptyLines = 0;
                    startLine = requests ? parseRequestLine(line) : parseStatusLine(line);
                    fields = new Headers();
                    fieldBytes = 0;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    String line = readFieldLine();
                    if (line == null) {
                        return needData();
                    }
                    if (line.isEmpty()) {
                        finishHead();
                        return Event.HEAD;
                    }
                    addField(fields, line);
                }
                case FIXED_BODY, CHUNK_DATA -> {
                    if (remaining == 0) {
                        if (state == State.FIXED_BODY) {
                            return endMessage();
                        }
                        state = State.CHUNK_DATA_END;
                        continue;
                    }
                    if (start == end) {
                        return needData();
                    }
                    return takeBody((int) Math.min(remaining, end - start));
                }
                case CHUNK_DATA_END -> {
                    if (end - start < 2) {
                        if (end - start == 1 && buffer[start] != '\r') {
                            throw new HttpParseException(HttpStatus.BAD_REQUEST, "chunk data not followed by CRLF");
                        }
                        return needData();
                    }
                    if (buffer[start] != '\r' || buffer[start + 1] != '\n') {
                        throw new HttpParseException(HttpStatus.BAD_REQUEST, "chunk data not followed by CRLF");
                    }
                    consume(start + 2);
                    state = State.CHUNK_SIZE;
                }
                case CHUNK_SIZE -> {
                    String line = readLine(limits.maxChunkLine(), HttpStatus.BAD_REQUEST);
                    if (line == null) {
                        return needData();
                    }
                    remaining = parseChunkSize(line);
                    if (remaining == 0) {
                        trailers = new Headers();
                        fieldBytes = 0;
                        state = State.TRAILERS;
                    } else {
                        state = State.CHUNK_DATA;
                    }
                }
                case TRAILERS -> {
                    String line = readFieldLine();
                    if (line == null) {
                        return needData();
                    }
                    if (line.isEmpty()) {
                        state = State.START_LINE;
                        return Event.END;
                    }
                    addField(trailers, line);
                }
                case UNTIL_CLOSE -> {
                    if (start < end) {
                        return takeBody(end - start);
                    }
                    if (inputEnded) {
                        return endMessage();
                    }
                    return Event.NEED_DATA;
                }
                case FAILED -> throw new HttpParseException(HttpStatus.BAD_REQUEST, "parser failed before");
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private Event needData() throws HttpParseException {
        if (inputEnded && isInsideMessage()) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "connection closed inside a message");
        }
        return Event.NEED_DATA;
    }

    private Event endMessage() {
        state = State.START_LINE;
        trailers = new Headers();
        return Event.END;
    }

    private Event takeBody(int length) {
        if (start == 0 && length == buffer.length && !ownsBuffer) {
            body = buffer;
        } else {
            body = Arrays.copyOfRange(buffer, start, start + length);
        }
        consume(start + length);
        remaining -= length;
        return Event.BODY;
    }

    private void consume(int newStart) {
        start = newStart;
        if (scan < start) {
            scan = start;
        }
        if (start == end) {
            buffer = EMPTY;
            start = 0;
            end = 0;
            scan = 0;
            ownsBuffer = false;
        }
    }

    // ---------------------------------------------------------------- lines

    /**
     * Returns the next line without its CRLF, or null when it is not complete. A line longer than
     * {@code maxLength} is refused with {@code tooLongStatus}; a bare CR or LF with 400.
     */
    private String readLine(int maxLength, int tooLongStatus) throws HttpParseException {
        int i = Math.max(scan, start);
        for (; i < end; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                // RFC 9112 section 2.2: a recipient MAY take a bare LF as a line end; taking it is how
                // a proxy and a server come to split one request differently, so it is a 400.
                if (i == start || buffer[i - 1] != '\r') {
                    throw new HttpParseException(HttpStatus.BAD_REQUEST, "bare LF");
                }
                int length = i - 1 - start;
                if (length > maxLength) {
                    throw new HttpParseException(tooLongStatus, "line longer than " + maxLength + " bytes");
                }
                String line = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
                consume(i + 1);
                return line;
            }
            // RFC 9112 section 2.2: a bare CR MUST be taken as invalid or replaced by SP: invalid here.
            if (b == '\r' && i + 1 < end && buffer[i + 1] != '\n') {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "bare CR");
            }
        }
        if (end - start > maxLength + 1) {
            throw new HttpParseException(tooLongStatus, "line longer than " + maxLength + " bytes");
        }
        // Look again at a trailing CR once the byte after it has come.
        scan = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        return null;
    }

    private String readFieldLine() throws HttpParseException {
        int left = limits.maxHeaderBytes() - fieldBytes;
        String line = readLine(Math.max(0, left - 2), HttpStatus.HEADER_FIELDS_TOO_LARGE);
        if (line != null) {
            fieldBytes += line.length() + 2;
        }
        return line;
    }

    // ---------------------------------------------------------------- start lines

    /**
     * RFC 9112 section 3: {@code request-line = method SP request-target SP HTTP-version}, single
     * spaces (section 3 allows a server to be lenient about whitespace; leniency here is how two
     * parsers come to disagree, so none), an invalid request-line is a 400 (section 3, last paragraph).
     */
    private String[] parseRequestLine(String line) throws HttpParseException {
        int firstSpace = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "malformed request line");
        }
        String method = line.substring(0, firstSpace);
        String target = line.substring(firstSpace + 1, lastSpace);
        String version = line.substring(lastSpace + 1);
        // RFC 9110 section 9.1: method = token, case-sensitive; whether it is known is the server's call (501).
        if (!HttpSyntax.isToken(method)) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "malformed method");
        }
        // RFC 9112 section 3.2: the request-target has no whitespace; RFC 3986 allows no CTL nor non-ASCII.
        if (target.isEmpty()) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid character in request target");
            }
        }
        checkVersion(version);
        return new String[] {method, target, version};
    }

    private String[] parseStatusLine(String line) throws HttpParseException {
        if (line.length() < 12 || line.charAt(8) != ' ') {
            throw new HttpParseException(HttpStatus.BAD_GATEWAY, "malformed status line");
        }
        String version = line.substring(0, 8);
        checkVersion(version);
        String code = line.substring(9, 12);
        if (!allDigits(code) || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new HttpParseException(HttpStatus.BAD_GATEWAY, "malformed status code");
        }
        String reason = line.length() > 13 ? line.substring(13) : "";
        return new String[] {version, code, reason};
    }

    /**
     * RFC 9112 section 2.3: {@code HTTP-version = "HTTP" "/" DIGIT "." DIGIT}, case-sensitive; a
     * major version this server does not speak is a 505 (RFC 9110 section 15.6.6).
     */
    private static void checkVersion(String version) throws HttpParseException {
        if (version.length() != 8 || !version.startsWith("HTTP/") || !allDigits(version.substring(5, 6))
                || version.charAt(6) != '.' || !allDigits(version.substring(7))) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "malformed HTTP version");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpParseException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported version " + version);
        }
    }

    // ---------------------------------------------------------------- fields

    private void addField(Headers target, String line) throws HttpParseException {
        if (target.size() >= limits.maxHeaderCount()) {
            throw new HttpParseException(HttpStatus.HEADER_FIELDS_TOO_LARGE, "more than " + limits.maxHeaderCount() + " fields");
        }
        char first = line.charAt(0);
        // RFC 9112 section 5.2: a server MUST reject obs-fold in a request with 400 (or replace it; not here).
        if (first == ' ' || first == '\t') {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "obsolete line folding");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "field line without a name and colon");
        }
        String name = line.substring(0, colon);
        // RFC 9112 section 5.1: no whitespace between the field name and the colon; a server MUST answer 400.
        if (!HttpSyntax.isToken(name)) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid field name (whitespace before colon?)");
        }
        int valueStart = colon + 1;
        int valueEnd = line.length();
        while (valueStart < valueEnd && isSpace(line.charAt(valueStart))) {
            valueStart++;
        }
        while (valueEnd > valueStart && isSpace(line.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        // RFC 9110 section 5.5: CR, LF and NUL in a value MUST be rejected; other controls are refused too.
        for (int i = valueStart; i < valueEnd; i++) {
            if (!HttpSyntax.isFieldValueByte(line.charAt(i))) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "control character in field " + name);
            }
        }
        target.add(name, line.substring(valueStart, valueEnd));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    // ---------------------------------------------------------------- framing

    private void finishHead() throws HttpParseException {
        if (requests) {
            head = new MessageHead(startLine[0], startLine[1], startLine[2], 0, null, fields);
            checkHost();
        } else {
            head = new MessageHead(null, null, startLine[0], Integer.parseInt(startLine[1]), startLine[2], fields);
        }
        List<String> codings = fields.getAll("Transfer-Encoding");
        long length = declaredLength();
        chunked = false;
        contentLength = length;
        trailers = new Headers();
        if (!codings.isEmpty()) {
            // RFC 9112 section 6.1: both is a likely smuggling attempt; a server MAY reject it, and does (400).
            if (length >= 0) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "both Content-Length and Transfer-Encoding");
            }
            // RFC 9112 section 6.1: Transfer-Encoding in HTTP/1.0 is faulty framing; it is refused.
            if (requests && !head.isHttp11()) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "Transfer-Encoding in an HTTP/1.0 request");
            }
            // RFC 9112 section 6.3 item 4: a request whose final coding is not chunked MUST get 400;
            // other codings are not implemented here, so only a lone chunked is taken.
            if (!isLoneChunked(codings)) {
                if (requests) {
                    throw new HttpParseException(HttpStatus.BAD_REQUEST, "unsupported Transfer-Encoding " + codings);
                }
                state = State.UNTIL_CLOSE;
                return;
            }
            chunked = true;
            state = State.CHUNK_SIZE;
            return;
        }
        boolean bodyless = !requests && (head.status() / 100 == 1 || head.status() == 204 || head.status() == 304);
        if (bodyless) {
            expectNoBody();
            return;
        }
        if (length >= 0) {
            remaining = length;
            state = State.FIXED_BODY;
        } else if (requests) {
            remaining = 0;
            contentLength = 0;
            state = State.FIXED_BODY;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    /**
     * RFC 9112 section 3.2: a server MUST answer 400 to an HTTP/1.1 request without a Host field,
     * with more than one, or with one whose value is not {@code uri-host [ ":" port ]}.
     */
    private void checkHost() throws HttpParseException {
        List<String> hosts = fields.getAll("Host");
        if (hosts.size() > 1) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "several Host fields");
        }
        if (hosts.isEmpty()) {
            if (head.isHttp11()) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "missing Host");
            }
            return;
        }
        if (!isHostValue(hosts.get(0))) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid Host");
        }
    }

    /**
     * Whether {@code value} is {@code uri-host [ ":" port ]} (RFC 9110 section 7.2, RFC 3986
     * section 3.2.2): an IP-literal in brackets, or a reg-name (unreserved, pct-encoded and
     * sub-delims characters, which covers IPv4 addresses), then an optional colon and digits. An
     * empty value is allowed: RFC 9112 section 3.2 has a client send it for an empty authority.
     */
    public static boolean isHostValue(String value) {
        int hostEnd;
        if (value.startsWith("[")) {
            hostEnd = value.indexOf(']');
            if (hostEnd < 0 || !isIpLiteral(value.substring(1, hostEnd))) {
                return false;
            }
            hostEnd++;
        } else {
            int colon = value.indexOf(':');
            hostEnd = colon < 0 ? value.length() : colon;
            if (!isRegName(value, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == value.length()) {
            return true;
        }
        if (value.charAt(hostEnd) != ':') {
            return false;
        }
        // port = *DIGIT (RFC 3986 section 3.2.3): empty is allowed, anything else but digits is not.
        String port = value.substring(hostEnd + 1);
        return port.isEmpty() || port.length() <= 5 && allDigits(port);
    }

    private static boolean isRegName(String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || Character.digit(value.charAt(i + 1), 16) < 0 || Character.digit(value.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!isUnreserved(c) && "!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** IPv6address (hex digits, colons, dots of an embedded IPv4) or IPvFuture ({@code v} HEX {@code .} ...). */
    private static boolean isIpLiteral(String inside) {
        if (inside.isEmpty()) {
            return false;
        }
        if (inside.charAt(0) == 'v' || inside.charAt(0) == 'V') {
            int dot = inside.indexOf('.');
            if (dot < 2 || dot == inside.length() - 1) {
                return false;
            }
            for (int i = 1; i < dot; i++) {
                if (Character.digit(inside.charAt(i), 16) < 0) {
                    return false;
                }
            }
            for (int i = dot + 1; i < inside.length(); i++) {
                char c = inside.charAt(i);
                if (!isUnreserved(c) && "!$&'()*+,;=:".indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }
        if (inside.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoneChunked(List<String> codings) {
        int count = 0;
        for (String field : codings) {
            for (String coding : field.split(",", -1)) {
                if (!coding.trim().equalsIgnoreCase("chunked")) {
                    return false;
                }
                count++;
            }
        }
        return count == 1;
    }

    /**
     * The Content-Length all fields agree on, or -1 without one. RFC 9112 section 6.3 item 5: an
     * invalid value (not 1*DIGIT, or a list of differing values) MUST be answered 400.
     */
    private long declaredLength() throws HttpParseException {
        List<String> values = fields.getAll("Content-Length");
        long length = -1;
        for (String field : values) {
            for (String part : field.split(",", -1)) {
                String digits = part.trim();
                if (digits.isEmpty() || digits.length() > MAX_LENGTH_DIGITS || !allDigits(digits)) {
                    throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid Content-Length");
                }
                long value = Long.parseLong(digits);
                if (length >= 0 && value != length) {
                    throw new HttpParseException(HttpStatus.BAD_REQUEST, "differing Content-Lengths");
                }
                length = value;
            }
        }
        return length;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** RFC 9112 section 7.1: {@code chunk-size = 1*HEXDIG}, then optional {@code chunk-ext}; anything else is a 400. */
    private static long parseChunkSize(String line) throws HttpParseException {
        int digits = 0;
        long size = 0;
        while (digits < line.length()) {
            int value = Character.digit(line.charAt(digits), 16);
            if (value < 0) {
                break;
            }
            if (++digits > MAX_CHUNK_SIZE_DIGITS) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "chunk size too large");
            }
            size = size * 16 + value;
        }
        if (digits == 0) {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid chunk size");
        }
        if (digits < line.length()) {
            checkChunkExtension(line.substring(digits));
        }
        return size;
    }

    private static void checkChunkExtension(String rest) throws HttpParseException {
        String trimmed = rest.stripLeading();
        if (trimmed.isEmpty() || trimmed.charAt(0) != ';') {
            throw new HttpParseException(HttpStatus.BAD_REQUEST, "invalid chunk size");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                throw new HttpParseException(HttpStatus.BAD_REQUEST, "control character in chunk extension");
            }
        }
    }
}
