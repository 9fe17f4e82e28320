package dev.torsion.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463, announced with
 * ENHANCEDSTATUSCODES, RFC 2034) and one or more lines of text.
 *
 * @param code the reply code, 200 to 599 (RFC 5321 §4.2)
 * @param enhanced the enhanced status code such as {@code 2.1.0}, or null
 * @param lines the text lines; at least one, none containing CR or LF
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    /** Checks the code and that no line can break out of the reply. */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("CR or LF in reply text");
            }
        }
    }

    /** A one-line reply with an enhanced status code. */
    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(text));
    }

    /** A one-line reply without an enhanced status code (the greeting, RFC 2034 §3). */
    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    /** Whether this is a positive completion (2xx) or intermediate (3xx) reply. */
    public boolean isPositive() {
        return code < 400;
    }

    /** Whether this is a transient (4xx) or permanent (5xx) failure. */
    public boolean isError() {
        return code >= 400;
    }

    /** The reply as sent: {@code code-text} on every line but the last, {@code code text} on the last (RFC 5321 §4.2.1). */
    public byte[] encode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null) {
                out.append(enhanced).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8).trim();
    }
}
