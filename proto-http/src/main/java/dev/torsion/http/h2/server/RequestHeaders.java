package dev.torsion.http.h2.server;

import dev.torsion.http.Headers;
import dev.torsion.http.h2.codec.Http2ErrorCode;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.MessageHead;
import java.util.List;
import java.util.Set;

/**
 * Checks a request's HTTP/2 header list (RFC 9113 sections 8.2 and 8.3) and makes it the head of
 * the site's {@code Request} directly, without an HTTP/1.1 text in between: the pseudo-header
 * fields give the method, the target ({@code :path}, query included) and the scheme; Host is
 * {@code :authority} (section 8.3.1); cookie crumbs are joined with "; " (section 8.2.3). A list
 * that breaks a rule makes the request malformed, a stream error PROTOCOL_ERROR (section 8.1.1):
 * a missing or repeated pseudo-header, one after a regular field, an upper-case or invalid name,
 * CR, LF or NUL in a value or white space at its ends, a connection-specific field (section
 * 8.2.2), {@code te} other than {@code trailers}, a {@code :path} that is not origin-form (nor
 * {@code *} for OPTIONS), an {@code :authority} that is not {@code host [ ":" port ]}, or a Host
 * that names another authority.
 */
final class RequestHeaders {
    /** Section 8.2.2: connection-specific fields are malformed in HTTP/2. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "proxy-connection", "keep-alive",
            "transfer-encoding", "upgrade");
    /** What {@code Request.version()} says of a stream's request, as Apache and nginx log it. */
    static final String VERSION = "HTTP/2.0";

    /**
     * A request's head, decoded.
     *
     * @param head the method, target ({@code :path}), version {@code HTTP/2.0} and fields, Host first
     * @param scheme the {@code :scheme}
     * @param contentLength the declared content-length, or -1
     */
    record Decoded(MessageHead head, String scheme, long contentLength) {
    }

    private RequestHeaders() {
    }

    static Decoded decode(int stream, List<HeaderField> fields) throws Http2Exception {
        String method = null;
        String scheme = null;
        String path = null;
        String authority = null;
        String host = null;
        String cookies = null;
        long contentLength = -1;
        boolean regularSeen = false;
        Headers headers = new Headers();
        // Host goes first, where an HTTP/1.1 client puts it; its value is known once every field is read.
        headers.add("host", "");
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
                case "content-length" -> {
                    long length = contentLength(stream, value, contentLength);
                    if (contentLength < 0) {
                        headers.add(name, value);
                    }
                    contentLength = length;
                }
                default -> headers.add(name, value);
            }
        }
        if (method == null) {
            throw malformed(stream, "no :method");
        }
        if (method.equals("CONNECT")) {
            throw Http2Exception.stream(stream, Http2ErrorCode.REFUSED_STREAM, "CONNECT is not served");
        }
        if (scheme == null || path == null) {
            throw malformed(stream, "no :scheme or :path");
        }
        checkScheme(stream, scheme);
        checkPath(stream, method, path);
        headers.set("host", hostValue(stream, authority, host));
        if (cookies != null) {
            headers.add("cookie", cookies);
        }
        return new Decoded(new MessageHead(method, path, VERSION, 0, null, headers), scheme, contentLength);
    }

    /**
     * Section 8.3.1: the authority is {@code :authority}, or Host when there is none; both must name
     * the same one, and it must be {@code uri-host [ ":" port ]} without userinfo.
     */
    private static String hostValue(int stream, String authority, String host) throws Http2Exception {
        if (authority != null && host != null && !authority.equalsIgnoreCase(host)) {
            throw malformed(stream, "Host differs from :authority");
        }
        String value = authority != null ? authority : host;
        if (value == null || value.isEmpty() || !HttpMessageParser.isHostValue(value)) {
            throw malformed(stream, "no valid :authority or host");
        }
        return value;
    }

    /** Section 8.3.1: origin-form, or {@code *} for OPTIONS; never empty, nothing that is not a URI character. */
    private static void checkPath(int stream, String method, String path) throws Http2Exception {
        if (path.equals("*") ? !method.equals("OPTIONS") : !path.startsWith("/")) {
            throw malformed(stream, ":path not in origin form");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '#') {
                throw malformed(stream, "control, space, '#' or non-ASCII character in :path");
            }
        }
    }

    /** RFC 3986 section 3.1: {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
    private static void checkScheme(int stream, String scheme) throws Http2Exception {
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                throw malformed(stream, "invalid :scheme");
            }
        }
        if (scheme.isEmpty()) {
            throw malformed(stream, "empty :scheme");
        }
    }

    /** Trailer fields (section 8.1): no pseudo-header fields, nothing connection-specific. */
    static Headers trailers(int stream, List<HeaderField> fields) throws Http2Exception {
        Headers trailers = new Headers();
        for (HeaderField field : fields) {
            if (field.name().startsWith(":")) {
                throw malformed(stream, "pseudo-header in trailers");
            }
            checkName(stream, field.name());
            checkValue(stream, field.name(), field.value());
            if (CONNECTION_SPECIFIC.contains(field.name())) {
                throw malformed(stream, "connection-specific field in trailers");
            }
            trailers.add(field.name(), field.value());
        }
        return trailers;
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

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t';
    }

    private static Http2Exception malformed(int stream, String why) {
        return Http2Exception.stream(stream, Http2ErrorCode.PROTOCOL_ERROR, "malformed request: " + why);
    }
}
