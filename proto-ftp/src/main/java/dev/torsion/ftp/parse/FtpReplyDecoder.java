package dev.torsion.ftp.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a server's replies (RFC 959 §4.2), for the client: a push decoder with no I/O, fed bytes
 * cut anywhere. A reply is one line {@code code SP text}, or a first line {@code code-text}, any
 * lines, and a last line that starts with the same code and a space. Lines end with CR LF (a bare
 * LF is tolerated); text is UTF-8 (RFC 2640), invalid sequences replaced.
 *
 * <p>A line longer than the line limit, a reply of more lines than the line count limit, or a first
 * line without a valid code makes the decoder {@link State#FAILED} (terminal): the client closes
 * the connection.
 */
public final class FtpReplyDecoder {
    /** Where the decoder stands. */
    public enum State {
        /** Waiting for a reply's first line. */
        FIRST_LINE,
        /** Inside a multi-line reply. */
        CONTINUATION,
        /** Malformed input: nothing more is decoded (terminal). */
        FAILED
    }

    private final int maxLineLength;
    private final int maxLines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private State state = State.FIRST_LINE;
    private int code;
    private String failure;

    /** A decoder for lines up to {@code maxLineLength} bytes and replies up to {@code maxLines} lines. */
    public FtpReplyDecoder(int maxLineLength, int maxLines) {
        this.maxLineLength = maxLineLength;
        this.maxLines = maxLines;
    }

    /** The state. */
    public State state() {
        return state;
    }

    /** Why the decoder failed, or null. */
    public String failure() {
        return failure;
    }

    /** Decodes {@code data}; returns the replies it completed. */
    public List<FtpReply> feed(byte[] data) {
        List<FtpReply> out = new ArrayList<>();
        for (int i = 0; i < data.length && state != State.FAILED; i++) {
            byte b = data[i];
            if (b == '\n') {
                FtpReply reply = endLine();
                if (reply != null) {
                    out.add(reply);
                }
            } else if (line.size() >= maxLineLength) {
                fail("reply line too long");
            } else {
                line.write(b);
            }
        }
        return out;
    }

    private FtpReply endLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (state == State.FIRST_LINE) {
            if (text.length() < 3 || !text.substring(0, 3).matches("[1-5][0-9][0-9]")
                    || text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-') {
                fail("malformed reply line");
                return null;
            }
            code = Integer.parseInt(text.substring(0, 3));
            String rest = text.length() > 4 ? text.substring(4) : "";
            if (text.length() > 3 && text.charAt(3) == '-') {
                lines.add(rest);
                state = State.CONTINUATION;
                return null;
            }
            return new FtpReply(code, List.of(rest));
        }
        if (text.startsWith(code + " ") || text.equals(Integer.toString(code))) {
            lines.add(text.length() > 4 ? text.substring(4) : "");
            FtpReply reply = new FtpReply(code, lines);
            lines.clear();
            state = State.FIRST_LINE;
            return reply;
        }
        if (lines.size() >= maxLines) {
            fail("reply has too many lines");
            return null;
        }
        lines.add(text);
        return null;
    }

    private void fail(String why) {
        state = State.FAILED;
        failure = why;
        line.reset();
        lines.clear();
    }
}
