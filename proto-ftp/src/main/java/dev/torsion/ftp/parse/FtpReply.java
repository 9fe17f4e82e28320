package dev.torsion.ftp.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply of the control connection (RFC 959 §4.2): a three-digit code and one or more lines of text.
 *
 * <p>{@link #encode()} writes one line as {@code code SP text CRLF}; several as
 * {@code code-first CRLF}, the middle lines as given, and {@code code SP last CRLF}. A middle line
 * that starts with a digit is indented by one space, so that no middle line can pass for the last
 * one (RFC 959 §4.2). CR, LF and NUL in a text (a pathname read from disk, say) become {@code ?}:
 * they would split the reply and let a file name forge a reply of its own.
 *
 * @param code the reply code, 100 to 599
 * @param lines the text lines, at least one
 */
public record FtpReply(int code, List<String> lines) {
    /** Checks the code and copies the lines. */
    public FtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** A one-line reply. */
    public static FtpReply of(int code, String text) {
        return new FtpReply(code, List.of(text));
    }

    /** The first line's text. */
    public String text() {
        return lines.get(0);
    }

    /** Whether the code is 1yz (preliminary: another reply follows). */
    public boolean isPreliminary() {
        return code < 200;
    }

    /** Whether the code is 4yz or 5yz. */
    public boolean isError() {
        return code >= 400;
    }

    /** The reply as it goes on the wire, UTF-8 (RFC 2640 §2.2). */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            String text = clean(lines.get(i));
            String line;
            if (i == 0) {
                line = code + (last == 0 ? " " : "-") + text;
            } else if (i == last) {
                line = code + " " + text;
            } else {
                line = !text.isEmpty() && Character.isDigit(text.charAt(0)) ? " " + text : text;
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String clean(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0 && text.indexOf('\0') < 0) {
            return text;
        }
        return text.replace('\r', '?').replace('\n', '?').replace('\0', '?');
    }

    /** RFC 959 Appendix II: a pathname in a 257 reply is quoted, its own quotes doubled. */
    public static String quotePath(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8).trim();
    }
}
