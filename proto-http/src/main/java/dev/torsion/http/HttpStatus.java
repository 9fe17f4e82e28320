package dev.torsion.http;

import java.util.HashMap;
import java.util.Map;

/** Status codes and their reason phrases (RFC 9110 section 15). */
public final class HttpStatus {
    /** 100 Continue. */
    public static final int CONTINUE = 100;
    /** 200 OK. */
    public static final int OK = 200;
    /** 204 No Content. */
    public static final int NO_CONTENT = 204;
    /** 206 Partial Content. */
    public static final int PARTIAL_CONTENT = 206;
    /** 301 Moved Permanently. */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found. */
    public static final int FOUND = 302;
    /** 303 See Other. */
    public static final int SEE_OTHER = 303;
    /** 304 Not Modified. */
    public static final int NOT_MODIFIED = 304;
    /** 307 Temporary Redirect. */
    public static final int TEMPORARY_REDIRECT = 307;
    /** 308 Permanent Redirect. */
    public static final int PERMANENT_REDIRECT = 308;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized (with a {@code WWW-Authenticate} challenge). */
    public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 411 Length Required. */
    public static final int LENGTH_REQUIRED = 411;
    /** 412 Precondition Failed. */
    public static final int PRECONDITION_FAILED = 412;
    /** 413 Content Too Large. */
    public static final int CONTENT_TOO_LARGE = 413;
    /** 414 URI Too Long. */
    public static final int URI_TOO_LONG = 414;
    /** 416 Range Not Satisfiable. */
    public static final int RANGE_NOT_SATISFIABLE = 416;
    /** 417 Expectation Failed. */
    public static final int EXPECTATION_FAILED = 417;
    /** 431 Request Header Fields Too Large. */
    public static final int HEADER_FIELDS_TOO_LARGE = 431;
    /** 500 Internal Server Error. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 502 Bad Gateway. */
    public static final int BAD_GATEWAY = 502;
    /** 505 HTTP Version Not Supported. */
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;

    private static final Map<Integer, String> REASONS = new HashMap<>();

    static {
        String[] table = {
            "100", "Continue", "101", "Switching Protocols",
            "200", "OK", "201", "Created", "202", "Accepted", "203", "Non-Authoritative Information",
            "204", "No Content", "205", "Reset Content", "206", "Partial Content",
            "300", "Multiple Choices", "301", "Moved Permanently", "302", "Found", "303", "See Other",
            "304", "Not Modified", "307", "Temporary Redirect", "308", "Permanent Redirect",
            "400", "Bad Request", "401", "Unauthorized", "403", "Forbidden", "404", "Not Found",
            "405", "Method Not Allowed", "406", "Not Acceptable", "408", "Request Timeout",
            "409", "Conflict", "410", "Gone", "411", "Length Required", "412", "Precondition Failed",
            "413", "Content Too Large", "414", "URI Too Long", "415", "Unsupported Media Type",
            "416", "Range Not Satisfiable", "417", "Expectation Failed", "426", "Upgrade Required",
            "429", "Too Many Requests", "431", "Request Header Fields Too Large",
            "500", "Internal Server Error", "501", "Not Implemented", "502", "Bad Gateway",
            "503", "Service Unavailable", "504", "Gateway Timeout", "505", "HTTP Version Not Supported",
        };
        for (int i = 0; i < table.length; i += 2) {
            REASONS.put(Integer.parseInt(table[i]), table[i + 1]);
        }
    }

    private HttpStatus() {
    }

    /** The reason phrase of {@code code}, or a generic one for its class. */
    public static String reason(int code) {
        String reason = REASONS.get(code);
        if (reason != null) {
            return reason;
        }
        return switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            default -> "Server Error";
        };
    }
}
