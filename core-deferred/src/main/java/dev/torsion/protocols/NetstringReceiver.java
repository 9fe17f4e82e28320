package dev.torsion.protocols;

import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives netstrings (D. J. Bernstein's {@code 12:hello world!,}): Twisted's
 * {@code NetstringReceiver}. Each string goes to {@link #stringReceived}.
 *
 * <p>The length is decimal without leading zeros (a lone {@code 0} is the empty string). A string
 * longer than {@link #maxLength()} (default {@value #DEFAULT_MAX_LENGTH} bytes) is refused as soon
 * as its length prefix says so, before any of its bytes are buffered. Any breach of the format
 * (a non-digit in the length, a missing colon or comma, a length too long) goes to
 * {@link #protocolError}, which by default logs the reason and closes the connection; nothing the
 * peer sends after that is delivered.
 */
public abstract class NetstringReceiver extends Protocol {
    /** The default longest string, in bytes. */
    public static final int DEFAULT_MAX_LENGTH = 99999;

    private static final Logger log = LoggerFactory.getLogger(NetstringReceiver.class);

    private enum State { LENGTH, DATA, COMMA, BROKEN }

    private int maxLength = DEFAULT_MAX_LENGTH;
    private State state = State.LENGTH;
    private long length;
    private int lengthDigits;
    private byte[] payload;
    private int filled;

    /** Called with each string received. */
    protected abstract void stringReceived(byte[] string);

    /**
     * Called once when the peer breaks the format, with the reason. The default logs it and closes
     * the connection. After it, everything received is ignored.
     */
    protected void protocolError(String reason) {
        log.warn("netstring protocol error from {}: {}; closing the connection",
                transport() == null ? "(no transport)" : transport().getPeer(), reason);
        if (transport() != null) {
            transport().loseConnection();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        int i = 0;
        while (i < data.length && state != State.BROKEN) {
            switch (state) {
                case LENGTH -> i = readLength(data, i);
                case DATA -> i = readPayload(data, i);
                case COMMA -> i = readComma(data, i);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private boolean closing() {
        return transport() != null && transport().isDisconnecting();
    }

    private int readLength(byte[] data, int i) {
        byte b = data[i];
        if (b == ':') {
            if (lengthDigits == 0) {
                fail("the length is empty");
            } else {
                payload = new byte[(int) length];
                filled = 0;
                state = length == 0 ? State.COMMA : State.DATA;
            }
        } else if (b < '0' || b > '9') {
            fail("the length contains the byte 0x" + Integer.toHexString(b & 0xff));
        } else if (lengthDigits == 1 && length == 0) {
            fail("the length has a leading zero");
        } else {
            length = length * 10 + (b - '0');
            lengthDigits++;
            if (length > maxLength) {
                fail("the length is more than the limit of " + maxLength + " bytes");
            }
        }
        return i + 1;
    }

    private int readPayload(byte[] data, int i) {
        int count = Math.min(data.length - i, payload.length - filled);
        System.arraycopy(data, i, payload, filled, count);
        filled += count;
        if (filled == payload.length) {
            state = State.COMMA;
        }
        return i + count;
    }

    private int readComma(byte[] data, int i) {
        if (data[i] != ',') {
            fail("the string is not followed by a comma");
            return i + 1;
        }
        byte[] string = payload;
        payload = null;
        length = 0;
        lengthDigits = 0;
        state = State.LENGTH;
        stringReceived(string);
        // A string that closed the connection ends the packet: the rest is not acted on.
        return closing() ? data.length : i + 1;
    }

    private void fail(String reason) {
        state = State.BROKEN;
        payload = null;
        protocolError(reason);
    }

    /** Whether the peer broke the format (everything after that is ignored). */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** Sends {@code string} as a netstring. */
    public void sendString(byte[] string) {
        byte[] prefix = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + string.length + 1];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(string, 0, framed, prefix.length, string.length);
        framed[framed.length - 1] = ',';
        transport().write(framed);
    }

    /** The longest string accepted, in bytes. */
    public int maxLength() {
        return maxLength;
    }

    /** Changes the longest string accepted (zero or more). */
    public void setMaxLength(int newMaxLength) {
        if (newMaxLength < 0) {
            throw new IllegalArgumentException("max string length cannot be negative: " + newMaxLength);
        }
        maxLength = newMaxLength;
    }
}
