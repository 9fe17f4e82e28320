package dev.torsion.imap.parse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names in modified UTF-7 (RFC 3501 §5.1.3): printable ASCII stands for itself except
 * {@code &}, written {@code &-}; other characters are UTF-16 in modified base64 ({@code ,} for
 * {@code /}, no padding) between {@code &} and {@code -}.
 */
public final class ModifiedUtf7 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    /** Encodes a mailbox name for the wire. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                j++;
            }
            ByteBuffer utf16 = StandardCharsets.UTF_16BE.encode(name.substring(i, j));
            byte[] bytes = new byte[utf16.remaining()];
            utf16.get(bytes);
            out.append('&').append(ENCODER.encodeToString(bytes).replace('/', ',')).append('-');
            i = j;
        }
        return out.toString();
    }

    /**
     * Decodes a name from the wire; null when it is not valid modified UTF-7 (8-bit octets, a
     * bad or non-minimal base64 run, an encoded run of printable ASCII, RFC 3501 §5.1.3).
     */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int dash = wire.indexOf('-', i + 1);
            if (dash < 0) {
                return null;
            }
            if (dash == i + 1) {
                out.append('&');
                i = dash + 1;
                continue;
            }
            String decoded = decodeRun(wire.substring(i + 1, dash));
            if (decoded == null) {
                return null;
            }
            out.append(decoded);
            i = dash + 1;
        }
        return out.toString();
    }

    private static String decodeRun(String run) {
        if (run.indexOf('/') >= 0 || run.indexOf('=') >= 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(run.replace(',', '/'));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length == 0 || bytes.length % 2 != 0) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_16BE);
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch >= 0x20 && ch <= 0x7e) {
                return null;
            }
        }
        // Only the shortest encoding is valid: re-encoding must give the same run.
        return ENCODER.encodeToString(bytes).replace('/', ',').equals(run) ? text : null;
    }
}
