package dev.torsion.http.h2.server;

import dev.torsion.http.h2.codec.Http2ErrorCode;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.hpack.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Checks a request's HTTP/2 header list (RFC 9113 sections 8.2 and 8.3) and writes it as the
 * HTTP/1.1 head that the site's {@code HttpChannel} reads, so that one {@code Resource} tree serves
 * both. Since the head is re-serialised, the checks are strict: a field that could not be written
 * as HTTP/1.1 unchanged (CR, LF, NUL, upper case, white space at the ends, a space in the path)
 * makes the request malformed, a stream error PROTOCOL_ERROR (section 8.1.1).
 */
final class RequestHeaders {
    /** Section 8.2.2: connection-specific fields are malformed in HTTP/2. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "proxy-connection", "keep-alive",
            "transfer-encoding", "upgrade");

    /**
     * A request converted.
     *
     * @param method the method
     * @param contentLength the declared content-length, or -1
     * @param head the HTTP/1.1 head (with {@code Transfer-Encoding: chunked} when a body of no declared length follows)
     * @param chunked whether the body is to be sent chunked
     */
    record Converted(String method, long contentLength, byte[] head, boolean chunked) {
    }

    private RequestHeaders() {
    }

    static Converted convert(int stream, List<HeaderField> fields, boolean endStream) throws Http2Exception {
        String method = null;
        String scheme = null;
        String path = null;
        String authority = null;
        String host = null;
        String cookies = null;
        long contentLength = -1;
        boolean regularSeen = false;
        StringBuilder lines = new StringBuilder(256);
        for (HeaderField field : fields) {
            String name = field.name();
            String value = field.value();
            checkValue(stream, name, value);
            if (name.startsWith(":")) {
                // Section 8.3: pseudo-header fields come first, once each, and only the request's four.
                if (regularSeen) {
                    throw malformed(stream, "pseudo-header " + name + " after a regular field");
                }
                switch (name) {
                    case ":method" -> method = once(stream, name, method, value);
                    case ":scheme" -> scheme = once(stream, name, scheme, value);
                    case ":path" -> path = once(stream, name, path, value);
                    case ":authority" -> authority = once(stream, name, authority, value);
                    default -> throw malformed(stream, "pseudo-header " + name + " in a request");
                }
                continue;
            }
            regularSeen = true;
            checkName(stream, name);
            if (CONNECTION_SPECIFIC.contains(name)) {
                throw malformed(stream, "connection-specific field " + name);
            }
            if (name.equals("te") && !value.equals("trailers")) {
                throw malformed(stream, "te other than trailers");
            }
            switch (name) {
                case "host" -> host = once(stream, name, host, value);
                case "cookie" -> cookies = cookies == null ? value : cookies + "; " + value;  // section 8.2.3
                case "content-length" -> contentLength = contentLength(stream, value, contentLength);
                default -> lines.append(name).append(": ").append(value).append("\r\n");
            }
        }
        if (method == null) {
            throw malformed(stream, "no :method");
        }
        if (method.equals("CONNECT")) {
            throw Http2Exception.stream(stream, Http2ErrorCode.REFUSED_STREAM, "CONNECT is not served");
        }
        if (scheme == null || path == null || path.isEmpty()) {
            throw malformed(stream, "no :scheme or :path");
        }
        checkTarget(stream, path);
        String hostValue = authority != null ? authority : host;
        if (hostValue == null || hostValue.contains("@") || hostValue.isEmpty()) {
            // Section 8.3.1: no userinfo in :authority; HTTP/1.1 needs a host.
            throw malformed(stream, "no valid :authority or host");
        }
        checkTarget(stream, hostValue);
        boolean chunked = !endStream && contentLength < 0;
        StringBuilder head = new StringBuilder(64 + lines.length());
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostValue).append("\r\n");
        head.append(lines);
        if (cookies != null) {
            head.append("cookie: ").append(cookies).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("content-length: ").append(contentLength).append("\r\n");
        }
        if (chunked) {
            head.append("transfer-encoding: chunked\r\n");
        }
        head.append("\r\n");
        return new Converted(method, contentLength, head.toString().getBytes(StandardCharsets.ISO_8859_1), chunked);
    }

    /** Trailer fields (section 8.1): no pseudo-header fields; written as HTTP/1.1 trailer lines and the last chunk. */
    static byte[] trailers(int stream, List<HeaderField> fields) throws Http2Exception {
        StringBuilder lines = new StringBuilder("0\r\n");
        for (HeaderField field : fields) {
            if (field.name().startsWith(":")) {
                throw malformed(stream, "pseudo-header in trailers");
            }
            checkName(stream, field.name());
            checkValue(stream, field.name(), field.value());
            if (CONNECTION_SPECIFIC.contains(field.name())) {
                throw malformed(stream, "connection-specific field in trailers");
            }
            lines.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        return lines.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String once(int stream, String name, String previous, String value) throws Http2Exception {
        if (previous != null) {
            throw malformed(stream, "repeated " + name);
        }
        return value;
    }

    private static long contentLength(int stream, String value, long previous) throws Http2Exception {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(stream, "invalid content-length");
        }
        long length = Long.parseLong(value);
        if (previous >= 0 && previous != length) {
            throw malformed(stream, "differing content-lengths");
        }
        return length;
    }

    /** Section 8.2.1: no upper case, no controls, separators or non-ASCII in a name. */
    private static void checkName(int stream, String name) throws Http2Exception {
        if (name.isEmpty()) {
            throw malformed(stream, "empty field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || (c >= 'A' && c <= 'Z') || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw malformed(stream, "invalid field name");
            }
        }
    }

    /** Section 8.2.1: no NUL, CR or LF in a value, no white space at its ends. */
    private static void checkValue(int stream, String name, String value) throws Http2Exception {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw malformed(stream, "NUL, CR or LF in " + (name.startsWith(":") ? name : "a field value"));
            }
        }
        if (!value.isEmpty() && (isWhite(value.charAt(0)) || isWhite(value.charAt(value.length() - 1)))) {
            throw malformed(stream, "white space at the ends of a field value");
        }
    }

    /** The request target and host go into the request line as they are: nothing that could split it. */
    private static void checkTarget(int stream, String target) throws Http2Exception {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw malformed(stream, "control, space or non-ASCII character in :path or :authority");
            }
        }
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t';
    }

    private static Http2Exception malformed(int stream, String why) {
        return Http2Exception.stream(stream, Http2ErrorCode.PROTOCOL_ERROR, "malformed request: " + why);
    }
}
