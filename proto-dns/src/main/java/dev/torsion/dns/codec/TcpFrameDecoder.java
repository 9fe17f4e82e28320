package dev.torsion.dns.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a TCP stream into DNS messages, each prefixed by its two-octet length (RFC 1035 section
 * 4.2.2, RFC 7766 section 8). Pure and push-driven: feed it bytes as they come, in any split; it
 * returns the whole messages, so several queries in flight on one connection come out in order.
 * It never holds more than one message (at most 65535 octets) and two length octets.
 */
public final class TcpFrameDecoder {
    private TcpFrameState state = TcpFrameState.LENGTH;
    private final byte[] lengthOctets = new byte[2];
    private int lengthRead;
    private byte[] body;
    private int bodyRead;

    /** The state. */
    public TcpFrameState state() {
        return state;
    }

    /** Whether a message is partly read (a close now loses it). */
    public boolean isMidMessage() {
        return lengthRead > 0 || state == TcpFrameState.BODY;
    }

    /** Feeds bytes; returns the messages they complete. After FAILED it returns nothing more. */
    public List<byte[]> feed(byte[] data) {
        List<byte[]> out = new ArrayList<>(1);
        int i = 0;
        while (i < data.length && state != TcpFrameState.FAILED) {
            i = state == TcpFrameState.LENGTH ? readLength(data, i) : readBody(data, i, out);
        }
        return out;
    }

    private int readLength(byte[] data, int i) {
        lengthOctets[lengthRead++] = data[i];
        if (lengthRead == 2) {
            int length = ((lengthOctets[0] & 0xff) << 8) | (lengthOctets[1] & 0xff);
            lengthRead = 0;
            if (length == 0) {
                // A zero-length message has no header: nothing can be answered and the framing is suspect.
                state = TcpFrameState.FAILED;
                return i + 1;
            }
            body = new byte[length];
            bodyRead = 0;
            state = TcpFrameState.BODY;
        }
        return i + 1;
    }

    private int readBody(byte[] data, int i, List<byte[]> out) {
        int n = Math.min(body.length - bodyRead, data.length - i);
        System.arraycopy(data, i, body, bodyRead, n);
        bodyRead += n;
        if (bodyRead == body.length) {
            out.add(body);
            body = null;
            state = TcpFrameState.LENGTH;
        }
        return i + n;
    }

    /** Prefixes a message with its length for TCP. */
    public static byte[] frame(byte[] message) {
        if (message.length > 65535) {
            throw new IllegalArgumentException("message of " + message.length + " octets cannot be framed");
        }
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }
}
