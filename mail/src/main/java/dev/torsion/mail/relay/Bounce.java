package dev.torsion.mail.relay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A delivery status notification (RFC 3464) for recipients that failed for good: a
 * {@code multipart/report; report-type=delivery-status} with a human-readable part, the
 * {@code message/delivery-status} part (one block per recipient: Final-Recipient, Action, Status,
 * Diagnostic-Code) and the original message's header ({@code text/rfc822-headers}). Sent from the
 * null reverse-path so that it never bounces back (RFC 5321 §4.5.5).
 */
public final class Bounce {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Bounce() {
    }

    /**
     * The bounce for {@code entry}'s {@code failures} (recipient to {@code status} code and
     * diagnostic text), reported by {@code reportingMta}, sent to {@code entry.from()}.
     */
    public static byte[] create(String reportingMta, QueuedMessage entry, Map<String, String[]> failures, byte[] original, long nowMillis) {
        String boundary = "torsion-dsn-" + entry.id().hashCode() + "-" + nowMillis;
        StringBuilder out = new StringBuilder();
        out.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n")
                .append("To: <").append(entry.from()).append(">\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ").append(DATE.format(Instant.ofEpochMilli(nowMillis))).append("\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is the mail system at ").append(reportingMta).append(".\r\n\r\n")
                .append("Your message could not be delivered to these recipients:\r\n\r\n");
        for (Map.Entry<String, String[]> failure : failures.entrySet()) {
            out.append("<").append(failure.getKey()).append(">: ").append(clean(failure.getValue()[1])).append("\r\n");
        }
        out.append("\r\n--").append(boundary).append("\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n")
                .append("Arrival-Date: ").append(DATE.format(Instant.ofEpochMilli(entry.queuedMillis()))).append("\r\n");
        for (Map.Entry<String, String[]> failure : failures.entrySet()) {
            out.append("\r\nFinal-Recipient: rfc822; ").append(failure.getKey()).append("\r\n")
                    .append("Action: failed\r\n")
                    .append("Status: ").append(failure.getValue()[0]).append("\r\n")
                    .append("Diagnostic-Code: smtp; ").append(clean(failure.getValue()[1])).append("\r\n");
        }
        out.append("\r\n--").append(boundary).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n")
                .append(headerOf(original))
                .append("\r\n--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The original message's header, up to its empty line. */
    private static String headerOf(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 2);
    }

    private static String clean(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
