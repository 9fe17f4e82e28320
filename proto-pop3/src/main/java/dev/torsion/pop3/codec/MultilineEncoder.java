package dev.torsion.pop3.codec;

import java.io.ByteArrayOutputStream;

/**
 * Writes the body of a multi-line response (RFC 1939 §3): every line ends with CR LF (a stored
 * message with bare LF line ends, as Postfix's local delivery writes them, gets CR LF), a line
 * that starts with a dot gets a second one, and a line holding a single dot ends the response.
 * Pure.
 */
public final class MultilineEncoder {
    private MultilineEncoder() {
    }

    /** The whole message, byte-stuffed and terminated. */
    public static byte[] encode(byte[] message) {
        return encode(message, -1);
    }

    /**
     * The message's header, the empty line and at most {@code bodyLines} lines of its body (TOP,
     * RFC 1939 §7); all of it when {@code bodyLines} is negative.
     */
    public static byte[] encode(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 50 + 8);
        boolean inBody = false;
        int bodySeen = 0;
        int start = 0;
        while (start < message.length) {
            if (inBody && bodyLines >= 0 && bodySeen >= bodyLines) {
                break;
            }
            int lf = indexOf(message, (byte) '\n', start);
            int end = lf < 0 ? message.length : lf;
            int contentEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd > start && message[start] == '.') {
                out.write('.');
            }
            out.write(message, start, contentEnd - start);
            out.write('\r');
            out.write('\n');
            if (inBody) {
                bodySeen++;
            } else if (contentEnd == start) {
                inBody = true;
            }
            start = lf < 0 ? message.length : lf + 1;
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
