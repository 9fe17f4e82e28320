package dev.torsion.sip.parse;

import dev.torsion.sip.SipLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a complete start line and header section (bytes up to, not including, the empty line)
 * into a message without body, then checks what RFC 3261 requires of every message. Shared by the
 * stream and the datagram parser.
 */
final class MessageHeadParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final Pattern VERSION = Pattern.compile("SIP/[0-9]+\\.[0-9]+");
    /** Headers that may appear once only (section 7.3.1: only list headers may repeat). */
    private static final String[] SINGLE = {HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
        HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE, HeaderNames.EXPIRES};
    /** Mandatory in every request and response (section 8.1.1; Max-Forwards is checked by a proxy, 16.3). */
    private static final String[] MANDATORY = {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID,
        HeaderNames.CSEQ};

    private MessageHeadParser() {
    }

    /** Parses {@code head[from, to)}: lines each ending in CRLF, the empty line excluded. */
    static SipMessage parse(byte[] head, int from, int to, SipLimits limits) throws SipParseException {
        List<String> lines = splitLines(head, from, to);
        if (lines.isEmpty()) {
            throw new SipParseException(400, "Empty Message");
        }
        String startLine = lines.get(0);
        boolean response = startLine.startsWith("SIP/");
        SipHeaders headers = new SipHeaders();
        SipMessage message;
        try {
            if (utf8Length(startLine) > limits.maxStartLine()) {
                throw new SipParseException(response ? 513 : 414, response ? "Message Too Large" : "Request-URI Too Long");
            }
            message = response ? responseLine(startLine, headers) : requestLine(startLine, headers);
        } catch (SipParseException e) {
            throw response ? e : e.in(requestWithBadLine(startLine, lines, limits));
        }
        SipParseException fault;
        try {
            fault = readHeaders(lines, headers, limits);
        } catch (SipParseException e) {
            throw e.in(message);
        }
        if (fault != null) {
            throw fault.in(message);
        }
        validate(message, limits);
        return message;
    }

    /**
     * A request whose start line was refused, with the headers that can still be read, so that the
     * refusal (400, 416, 505) can be addressed by its Via; null when even they cannot.
     */
    private static SipRequest requestWithBadLine(String startLine, List<String> lines, SipLimits limits) {
        int space = startLine.indexOf(' ');
        String method = space > 0 ? startLine.substring(0, space) : startLine;
        SipRequest request = new SipRequest(Syntax.isToken(method) ? method : "UNKNOWN", "sip:invalid",
                new SipHeaders(), new byte[0]);
        try {
            return readHeaders(lines, request.headers(), limits) == null || request.headers().has(HeaderNames.VIA)
                    ? request : null;
        } catch (SipParseException e) {
            return null;
        }
    }

    /** Splits at CRLF; a bare CR or LF anywhere is refused (section 7: lines end in CRLF). */
    private static List<String> splitLines(byte[] head, int from, int to) throws SipParseException {
        List<String> lines = new ArrayList<>();
        int lineStart = from;
        for (int i = from; i < to; i++) {
            byte b = head[i];
            if (b == CR) {
                if (i + 1 >= to || head[i + 1] != LF) {
                    throw new SipParseException(400, "Bare CR");
                }
                lines.add(new String(head, lineStart, i - lineStart, StandardCharsets.UTF_8));
                i++;
                lineStart = i + 1;
            } else if (b == LF) {
                throw new SipParseException(400, "Bare LF");
            }
        }
        if (lineStart < to) {
            lines.add(new String(head, lineStart, to - lineStart, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code Method SP Request-URI SP SIP-Version} with single spaces (section 7.1). */
    private static SipRequest requestLine(String line, SipHeaders headers) throws SipParseException {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !Syntax.isToken(parts[0]) || parts[1].isEmpty()) {
            throw new SipParseException(400, "Malformed Request Line");
        }
        checkVersion(parts[2]);
        String uri = parts[1];
        int colon = uri.indexOf(':');
        if (colon <= 0 || !Syntax.isScheme(uri.substring(0, colon)) || hasControl(uri)) {
            throw new SipParseException(400, "Malformed Request-URI");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("sip") || scheme.equals("sips")) {
            SipUri.parse(uri);
        } else if (!scheme.equals("tel")) {
            // Section 8.2.2.1: a scheme the server does not understand earns 416.
            throw new SipParseException(416, "Unsupported URI Scheme");
        }
        return new SipRequest(parts[0], uri, headers, new byte[0]);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** {@code SIP/2.0}, case-insensitive on receipt (section 7.1); another version is a 505. */
    private static void checkVersion(String version) throws SipParseException {
        if (version.equalsIgnoreCase("SIP/2.0")) {
            return;
        }
        if (VERSION.matcher(version.toUpperCase(Locale.ROOT)).matches()) {
            throw new SipParseException(505, "Version Not Supported");
        }
        throw new SipParseException(400, "Malformed SIP Version");
    }

    /** {@code SIP-Version SP Status-Code SP Reason-Phrase} (section 7.2). */
    private static SipResponse responseLine(String line, SipHeaders headers) throws SipParseException {
        int sp1 = line.indexOf(' ');
        if (sp1 < 0 || line.length() < sp1 + 5 || line.charAt(sp1 + 4) != ' ') {
            throw new SipParseException(400, "Malformed Status Line");
        }
        checkVersion(line.substring(0, sp1));
        String code = line.substring(sp1 + 1, sp1 + 4);
        if (code.charAt(0) < '1' || code.charAt(0) > '6' || !Syntax.isDigits(code, 3)) {
            throw new SipParseException(400, "Malformed Status Line");
        }
        String reason = line.substring(sp1 + 5);
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                throw new SipParseException(400, "Malformed Status Line");
            }
        }
        return new SipResponse(Integer.parseInt(code), reason, headers, new byte[0]);
    }

    /**
     * Header lines: a line starting with SP or HT continues the previous one (section 7.3.1, the
     * fold is replaced by one SP); list headers are split into their values. A syntax fault in one
     * line is returned (the first one) after the others are read, so that the error reply can
     * still copy the Via; a breached limit throws at once.
     */
    private static SipParseException readHeaders(List<String> lines, SipHeaders headers, SipLimits limits)
            throws SipParseException {
        SipParseException first = null;
        int bytes = 0;
        String pending = null;
        int folds = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            bytes += utf8Length(line) + 2;
            if (bytes > limits.maxHeaderBytes()) {
                throw new SipParseException(513, "Message Too Large");
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (pending == null) {
                    first = first != null ? first : new SipParseException(400, "Folding Before First Header");
                    continue;
                }
                if (++folds > limits.maxFoldedLines()) {
                    throw new SipParseException(400, "Header Folding Abuse");
                }
                pending = pending + " " + line.strip();
                continue;
            }
            if (pending != null) {
                first = addOrRecord(pending, headers, limits, first);
            }
            pending = line;
            folds = 0;
        }
        if (pending != null) {
            first = addOrRecord(pending, headers, limits, first);
        }
        return first;
    }

    private static SipParseException addOrRecord(String line, SipHeaders headers, SipLimits limits,
                                                 SipParseException first) throws SipParseException {
        try {
            addField(line, headers, limits);
            return first;
        } catch (SipParseException e) {
            if (e.status() != 400) {
                throw e;
            }
            return first != null ? first : e;
        }
    }

    private static void addField(String line, SipHeaders headers, SipLimits limits) throws SipParseException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new SipParseException(400, "Malformed Header Line");
        }
        // HCOLON allows whitespace before the colon (section 7.3.1), unlike HTTP.
        String name = line.substring(0, colon).stripTrailing();
        if (!Syntax.isToken(name)) {
            throw new SipParseException(400, "Malformed Header Name");
        }
        String value = line.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                throw new SipParseException(400, "Control Character In Header");
            }
        }
        String canonical = HeaderNames.canonical(name);
        if (HeaderNames.isList(canonical) && !value.isEmpty()) {
            List<String> elements;
            try {
                elements = Syntax.splitList(value);
            } catch (SipParseException e) {
                throw new SipParseException(400, "Malformed " + canonical);
            }
            for (String element : elements) {
                add(headers, canonical, element, limits);
            }
        } else {
            add(headers, canonical, value, limits);
        }
    }

    private static void add(SipHeaders headers, String name, String value, SipLimits limits) throws SipParseException {
        if (headers.size() >= limits.maxHeaderCount()) {
            throw new SipParseException(513, "Message Too Large");
        }
        headers.add(name, value);
    }

    /** The checks every message must pass (sections 8.1.1, 8.2.2, 18.3, 20). */
    private static void validate(SipMessage message, SipLimits limits) throws SipParseException {
        SipHeaders headers = message.headers();
        try {
            for (String name : MANDATORY) {
                if (!headers.has(name)) {
                    throw new SipParseException(400, "Missing " + name);
                }
            }
            for (String name : SINGLE) {
                if (headers.count(name) > 1) {
                    throw new SipParseException(400, "Duplicate " + name);
                }
            }
            if (headers.count(HeaderNames.VIA) > limits.maxViaCount()) {
                throw new SipParseException(400, "Too Many Via Values");
            }
            message.vias();
            message.from();
            message.to();
            String callId = message.callId();
            if (callId.isEmpty() || hasControl(callId)) {
                throw new SipParseException(400, "Malformed Call-ID");
            }
            CSeq cseq = message.cseq();
            if (message instanceof SipRequest request && !cseq.method().equals(request.method())) {
                // Section 8.1.1.5: the CSeq method MUST match the request method.
                throw new SipParseException(400, "CSeq Method Mismatch");
            }
            String maxForwards = headers.first(HeaderNames.MAX_FORWARDS);
            if (maxForwards != null && !Syntax.isDigits(maxForwards, 3)) {
                throw new SipParseException(400, "Malformed Max-Forwards");
            }
            message.contacts();
            contentLength(message, limits);
        } catch (SipParseException e) {
            throw e.in(message);
        }
    }

    /** The Content-Length, or -1 when absent; malformed is a 400, over the limit a 513 (section 20.14). */
    static long contentLength(SipMessage message, SipLimits limits) throws SipParseException {
        String value = message.headers().first(HeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        if (!Syntax.isDigits(value, 10)) {
            throw new SipParseException(400, "Malformed Content-Length", message);
        }
        long length = Long.parseLong(value);
        if (length > limits.maxBodyBytes()) {
            throw new SipParseException(513, "Message Too Large", message);
        }
        return length;
    }
}
