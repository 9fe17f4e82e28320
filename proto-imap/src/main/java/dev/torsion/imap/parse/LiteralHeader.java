package dev.torsion.imap.parse;

import java.nio.charset.StandardCharsets;

/**
 * A literal's announcement at the end of a line (RFC 3501 §4.3 {@code "{" number "}"}, RFC 7888
 * {@code "{" number "+}"} and {@code "{" number "-}"}).
 *
 * @param size the octets that follow the line, up to 2^63-1 (the limits refuse most before)
 * @param synchronising whether the client waits for a {@code +} continuation
 */
record LiteralHeader(long size, boolean synchronising) {
    /** The header ending {@code line}, or null when the line does not end with one. */
    static LiteralHeader at(byte[] line) {
        int n = line.length;
        if (n < 3 || line[n - 1] != '}') {
            return null;
        }
        int close = n - 1;
        boolean sync = true;
        if (line[close - 1] == '+' || line[close - 1] == '-') {
            sync = false;
            close--;
        }
        int i = close - 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        if (i < 0 || line[i] != '{' || i == close - 1) {
            return null;
        }
        int digits = close - i - 1;
        if (digits > 18) {
            // Longer than any size this server takes: refused as too big, not as a syntax error.
            return new LiteralHeader(Long.MAX_VALUE, sync);
        }
        return new LiteralHeader(Long.parseLong(new String(line, i + 1, digits, StandardCharsets.US_ASCII)), sync);
    }
}
