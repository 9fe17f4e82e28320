package dev.torsion.nntp.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of an NNTP server (RFC 3977 §3.2): the status code, the text after it and, for a
 * multi-line answer that was collected, its block (unstuffed, CR LF line ends).
 *
 * @param code the three-digit status code
 * @param text the rest of the status line
 * @param block the block, or null for a single-line answer or a streamed one
 */
public record NntpResponse(int code, String text, byte[] block) {
    /** The block's lines as UTF-8 text, without line ends (empty when there is no block). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (block == null) {
            return lines;
        }
        for (String line : new String(block, StandardCharsets.UTF_8).split("\r\n", -1)) {
            lines.add(line);
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The status line's words after the code. */
    public String[] words() {
        return text.split(" ");
    }

    /** The status line as the server sent it. */
    @Override
    public String toString() {
        return code + " " + text;
    }
}
