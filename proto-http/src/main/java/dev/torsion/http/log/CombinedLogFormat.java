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
 */
public final class CombinedLogFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private CombinedLogFormat() {
    }

    /** The log line for {@code request} (without a line end). */
    public static String format(Request request) {
        String length = request.bytesSent() == 0 ? "-" : Long.toString(request.bytesSent());
        return host(request.getClientAddress()) + " - - [" + TIME.format(Instant.ofEpochMilli(request.receivedMillis())) + "] \""
                + escape(request.method() + " " + request.uri() + " " + request.version()) + "\" "
                + request.responseCode() + " " + length + " \"" + escape(orDash(request.getHeader("Referer"))) + "\" \""
                + escape(orDash(request.getHeader("User-Agent"))) + "\"";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String host(Address address) {
        if (address instanceof IPAddress ip) {
            return ip.host();
        }
        return String.valueOf(address);
    }

    static String escape(String text) {
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
