package dev.torsion.imap.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the body parts of a multipart body (RFC 2046 §5.1.1): each begins after a line
 * {@code --boundary} and ends before the CR LF that precedes the next delimiter line; the
 * line {@code --boundary--} closes the list. A missing close ends the last part at the end.
 */
final class BoundarySplitter {
    private BoundarySplitter() {
    }

    /** The [start, end) ranges of the parts between {@code from} and {@code to}. */
    static List<int[]> split(byte[] m, int from, int to, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> parts = new ArrayList<>();
        int partStart = -1;
        int lineStart = from;
        while (lineStart < to) {
            int nl = MimePart.indexOf(m, (byte) '\n', lineStart, to);
            int lineEnd = nl < 0 ? to : nl + 1;
            if (startsWith(m, lineStart, lineEnd, delimiter)) {
                int after = lineStart + delimiter.length;
                boolean close = after + 1 < lineEnd && m[after] == '-' && m[after + 1] == '-';
                if (close || onlyWhiteSpace(m, after, lineEnd)) {
                    if (partStart >= 0) {
                        parts.add(new int[] {partStart, precedingLineBreak(m, partStart, lineStart)});
                    }
                    if (close) {
                        return parts;
                    }
                    partStart = lineEnd;
                }
            }
            lineStart = lineEnd;
        }
        if (partStart >= 0 && partStart <= to) {
            parts.add(new int[] {partStart, to});
        }
        return parts;
    }

    private static boolean startsWith(byte[] m, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (m[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyWhiteSpace(byte[] m, int from, int to) {
        for (int i = from; i < to; i++) {
            if (m[i] != ' ' && m[i] != '\t' && m[i] != '\r' && m[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The CR LF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1). */
    private static int precedingLineBreak(byte[] m, int partStart, int delimiterLine) {
        int end = delimiterLine;
        if (end > partStart && m[end - 1] == '\n') {
            end--;
            if (end > partStart && m[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }
}
