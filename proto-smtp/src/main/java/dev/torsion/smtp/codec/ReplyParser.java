package dev.torsion.smtp.codec;

import dev.torsion.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server replies (RFC 5321 §4.2): {@code NNN-text} lines then one {@code NNN text} line, all
 * with the same code. Bounded: a line over 512 octets (§4.5.3.1.5), more than 100 lines, a bad
 * code or a bare LF makes the parser {@link #isFailed() fail}, and the client drops the connection.
 * Pure.
 */
public final class ReplyParser {
    /** Longest reply line, CR LF included (RFC 5321 §4.5.3.1.5). */
    public static final int MAX_LINE = 512;
    /** Most lines in one reply (an EHLO reply has one per extension). */
    public static final int MAX_LINES = 100;

    private final CommandLineReader lines = new CommandLineReader();
    private final List<String> text = new ArrayList<>();
    private int code = -1;
    private String failure;

    /** The next whole reply in {@code input}, or null when more bytes are needed or the parser failed. */
    public SmtpReply next(InputBuffer input) {
        while (failure == null) {
            switch (lines.next(input, MAX_LINE)) {
                case NEED_MORE -> {
                    return null;
                }
                case TOO_LONG -> failure = "reply line too long";
                case BARE_LF -> failure = "bare LF in reply";
                default -> {
                    SmtpReply reply = line(new String(lines.line(), StandardCharsets.UTF_8));
                    if (reply != null) {
                        return reply;
                    }
                }
            }
        }
        return null;
    }

    private SmtpReply line(String line) {
        if (line.length() < 3 || !line.substring(0, 3).matches("[2-5][0-9][0-9]")
                || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
            failure = "malformed reply line";
            return null;
        }
        int lineCode = Integer.parseInt(line.substring(0, 3));
        if (code >= 0 && lineCode != code) {
            failure = "reply code changed inside a multi-line reply";
            return null;
        }
        code = lineCode;
        text.add(line.length() > 4 ? line.substring(4) : "");
        if (text.size() > MAX_LINES) {
            failure = "too many reply lines";
            return null;
        }
        if (line.length() > 3 && line.charAt(3) == '-') {
            return null;
        }
        SmtpReply reply = new SmtpReply(code, null, text);
        text.clear();
        code = -1;
        return reply;
    }

    /** Whether the server sent something that is not a reply. */
    public boolean isFailed() {
        return failure != null;
    }

    /** Why the parser failed, or null. */
    public String failure() {
        return failure;
    }
}
