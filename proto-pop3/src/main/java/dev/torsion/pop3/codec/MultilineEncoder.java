package dev.torsion.pop3.codec;

import dev.torsion.protocols.DotStuffedEncoder;

/**
 * Writes the body of a multi-line response (RFC 1939 §3) through the core's
 * {@link DotStuffedEncoder}: CR LF line ends (a stored message with bare LF line ends, as Postfix's
 * local delivery writes them, gets CR LF), dot-stuffing and the terminating dot; and cuts a message
 * for TOP. Pure.
 */
public final class MultilineEncoder {
    private MultilineEncoder() {
    }

    /** The whole message, byte-stuffed and terminated. */
    public static byte[] encode(byte[] message) {
        return DotStuffedEncoder.encode(message);
    }

    /**
     * The message's header, the empty line and at most {@code bodyLines} lines of its body (TOP,
     * RFC 1939 §7); all of it when {@code bodyLines} is negative.
     */
    public static byte[] encode(byte[] message, int bodyLines) {
        return DotStuffedEncoder.encode(bodyLines < 0 ? message : top(message, bodyLines));
    }

    /** The octets of the header, the empty line and {@code bodyLines} lines of the body. */
    private static byte[] top(byte[] message, int bodyLines) {
        boolean inBody = false;
        int bodySeen = 0;
        int start = 0;
        while (start < message.length && !(inBody && bodySeen >= bodyLines)) {
            int lf = indexOf(message, (byte) '\n', start);
            int end = lf < 0 ? message.length : lf;
            int contentEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (inBody) {
                bodySeen++;
            } else if (contentEnd == start) {
                inBody = true;
            }
            start = lf < 0 ? message.length : lf + 1;
        }
        byte[] cut = new byte[start];
        System.arraycopy(message, 0, cut, 0, start);
        return cut;
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
