package dev.torsion.nntp.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a multi-line block (RFC 3977 §3.1.1): every line ends with CR LF (content with bare LF
 * line ends gets CR LF), a line that starts with a dot gets a second one, and a line holding a
 * single dot ends the block. Pure.
 */
public final class BlockEncoder {
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private BlockEncoder() {
    }

    /** {@code content} byte-stuffed and terminated. */
    public static byte[] encode(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 50 + 8);
        stuff(content, out);
        out.write(TERMINATOR, 0, TERMINATOR.length);
        return out.toByteArray();
    }

    /** The lines, each stuffed and ended with CR LF, then the terminator (lines hold no CR or LF). */
    public static byte[] encodeLines(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && bytes[0] == '.') {
                out.write('.');
            }
            out.write(bytes, 0, bytes.length);
            out.write('\r');
            out.write('\n');
        }
        out.write(TERMINATOR, 0, TERMINATOR.length);
        return out.toByteArray();
    }

    /** Writes {@code content}'s lines stuffed and with CR LF, without the terminator. */
    public static void stuff(byte[] content, ByteArrayOutputStream out) {
        int start = 0;
        while (start < content.length) {
            int lf = indexOf(content, start);
            int end = lf < 0 ? content.length : lf;
            int contentEnd = end > start && content[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd > start && content[start] == '.') {
                out.write('.');
            }
            out.write(content, start, contentEnd - start);
            out.write('\r');
            out.write('\n');
            start = lf < 0 ? content.length : lf + 1;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
