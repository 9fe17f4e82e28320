package dev.torsion.smtp.codec;

import java.io.ByteArrayOutputStream;

/**
 * Prepares a message for the wire. Lines end with CR LF whatever the message used (a bare LF or a
 * bare CR becomes CR LF: servers refuse them, RFC 5321 §2.3.8); {@link #data} also dot-stuffs
 * (§4.5.2) and appends the end marker. Pure.
 */
public final class DataEncoder {
    private DataEncoder() {
    }

    /** The message with CR LF line ends, ending with CR LF (for BDAT). */
    public static byte[] canonical(byte[] message) {
        return encode(message, false);
    }

    /** The text after DATA's 354: canonical, dot-stuffed, then {@code .} CR LF. */
    public static byte[] data(byte[] message) {
        return encode(message, true);
    }

    private static byte[] encode(byte[] message, boolean stuffed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 40 + 8);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (stuffed && lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        if (stuffed) {
            out.write('.');
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Whether the message has octets above 127 (then BODY=8BITMIME is announced, RFC 6152). */
    public static boolean isEightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
