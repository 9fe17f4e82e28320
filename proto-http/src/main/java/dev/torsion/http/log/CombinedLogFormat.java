package dev.torsion.http.log;

import dev.torsion.http.server.Request;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The NCSA combined log format, as Apache and twisted.web write it:
 * {@code 127.0.0.1 - - [25/Nov/2026:22:00:00 +0000] "GET / HTTP/1.1" 200 13 "-" "curl/7.88"}.
 * Quotes, backslashes and control characters from the client are escaped, so a line cannot be forged.
 *
 * <p>The user field is the user an authentication guard logged in ({@link Request#getUser()}), as
 * Apache's {@code %u}. A response cut short (the client went away, or the server shut down) is
 * logged with the body bytes handed to the connection before the cut, as nginx logs
 * {@code $body_bytes_sent}; a client that went away before any answer began is logged with
 * nginx's status {@code 499}.
 */
public final class CombinedLogFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** The last second formatted, reused by every request of that second (formatting costs more than the rest of the line). */
    private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long second, String text) {
    }

    /** The status nginx logs for a request whose client closed the connection before the answer. */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    private CombinedLogFormat() {
    }

    /** The log line for {@code request} (without a line end). */
    public static String format(Request request) {
        String length = request.bytesSent() == 0 ? "-" : Long.toString(request.bytesSent());
        String user = request.getUser() == null || request.getUser().isEmpty() ? "-" : userField(request.getUser());
        return host(request.getClientAddress()) + " - " + user + " [" + time(request.receivedMillis()) + "] \""
                + escape(request.method() + " " + request.uri() + " " + request.version()) + "\" "
                + status(request) + " " + length + " \"" + escape(orDash(request.getHeader("Referer"))) + "\" \""
                + escape(orDash(request.getHeader("User-Agent"))) + "\"";
    }

    private static String time(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        FormattedSecond last = lastSecond;
        if (last.second() != second) {
            last = new FormattedSecond(second, TIME.format(Instant.ofEpochSecond(second)));
            lastSecond = last;
        }
        return last.text();
    }

    /** nginx's 499 for a client that closed the connection before the answer began. */
    private static int status(Request request) {
        return request.isLost() && !request.isStarted() ? CLIENT_CLOSED_REQUEST : request.responseCode();
    }

    /** The user name, escaped, with spaces escaped too: the field is not quoted, and a space would shift the rest. */
    private static String userField(String user) {
        return escape(user).replace(" ", "\\x20");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** The client's address as the log's first field: the bare IP address (the path for UNIX sockets). */
    public static String host(Address address) {
        if (address instanceof IPAddress ip) {
            return ip.host();
        }
        return String.valueOf(address);
    }

    /**
     * {@code text} with quotes and backslashes escaped and control and non-ASCII characters as
     * {@code \xHH}, so that client-supplied text cannot forge a log line or a field.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
