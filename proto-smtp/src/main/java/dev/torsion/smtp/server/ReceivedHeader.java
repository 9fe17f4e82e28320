package dev.torsion.smtp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace line a server prepends (RFC 5321 §4.4, RFC 5322 §3.6.7). Everything the client chose
 * (the HELO name, the recipient) is reduced to printable ASCII without CR, LF or parentheses, so a
 * hostile HELO cannot start a header of its own or forge a comment.
 */
public final class ReceivedHeader {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    /** The header, folded, ending with CR LF. */
    public static byte[] format(String hostname, Envelope envelope, ZonedDateTime when) {
        SessionInfo session = envelope.session();
        StringBuilder out = new StringBuilder("Received: from ").append(clean(session.helo()))
                .append(" ([").append(clean(hostOf(session.peer()))).append("])\r\n")
                .append("\tby ").append(hostname).append(" (Torsion) with ").append(protocol(session))
                .append(" id ").append(envelope.id());
        if (envelope.recipients().size() == 1) {
            out.append("\r\n\tfor <").append(clean(envelope.recipients().get(0).toString())).append('>');
        }
        out.append("; ").append(DATE.format(when)).append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3848's with-protocol types. */
    static String protocol(SessionInfo session) {
        if (!session.esmtp()) {
            return "SMTP";
        }
        return "ESMTP" + (session.tls() ? "S" : "") + (session.isAuthenticated() ? "A" : "");
    }

    private static String hostOf(Address address) {
        if (address instanceof IPv4Address v4) {
            return v4.host();
        }
        if (address instanceof IPv6Address v6) {
            return "IPv6:" + v6.host();
        }
        return "unknown";
    }

    /** Printable ASCII only, no parentheses, brackets or angle brackets that could close a comment or path. */
    static String clean(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length() && i < 255; i++) {
            char c = value.charAt(i);
            boolean printable = c > 0x20 && c < 0x7f && "()<>[]\\;".indexOf(c) < 0;
            out.append(printable ? c : '?');
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }
}
