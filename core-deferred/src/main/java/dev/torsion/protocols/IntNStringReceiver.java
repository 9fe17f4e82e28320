package dev.torsion.protocols;

import dev.torsion.internet.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives strings each preceded by its length as an unsigned big-endian integer
 * of {@link #prefixLength()} bytes: the common part of {@link Int8StringReceiver},
 * {@link Int16StringReceiver} and {@link Int32StringReceiver}, as Twisted's {@code IntNStringReceiver}.
 *
 * <p>A string longer than {@link #maxLength()} (default {@value #DEFAULT_MAX_LENGTH} bytes) goes to
 * {@link #lengthLimitExceeded} as soon as its prefix has arrived, before any of it is buffered; the
 * default logs and closes the connection, and nothing received after that is delivered.
 */
public abstract class IntNStringReceiver extends Protocol {
    /** The default longest string, in bytes (as Twisted's). */
    public static final int DEFAULT_MAX_LENGTH = 99999;

    private static final Logger log = LoggerFactory.getLogger(IntNStringReceiver.class);

    private final int prefixLength;
    private final ByteAccumulator buffer = new ByteAccumulator();
    private int maxLength = DEFAULT_MAX_LENGTH;
    private boolean discarding;
    private boolean busyReceiving;

    /** For subclasses: the prefix is {@code prefixLength} bytes (1, 2 or 4). */
    protected IntNStringReceiver(int prefixLength) {
        if (prefixLength != 1 && prefixLength != 2 && prefixLength != 4) {
            throw new IllegalArgumentException("prefix length must be 1, 2 or 4 bytes: " + prefixLength);
        }
        this.prefixLength = prefixLength;
    }

    /** Called with each string received. */
    protected abstract void stringReceived(byte[] string);

    /**
     * Called when a prefix announces a string longer than {@link #maxLength()}. The default logs and
     * closes the connection; everything received afterwards is dropped either way, since the stream
     * cannot be followed any more.
     */
    protected void lengthLimitExceeded(long length) {
        log.warn("string of {} bytes announced by {} is over the limit of {}: closing the connection", length,
                transport() == null ? "(no transport)" : transport().getPeer(), maxLength);
        if (transport() != null) {
            transport().loseConnection();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (discarding) {
            return;
        }
        buffer.append(data);
        if (busyReceiving) {
            return;
        }
        busyReceiving = true;
        try {
            while (!discarding && buffer.size() >= prefixLength) {
                long length = readPrefix();
                if (length > maxLength) {
                    discarding = true;
                    buffer.clear();
                    lengthLimitExceeded(length);
                    return;
                }
                if (buffer.size() < prefixLength + length) {
                    return;
                }
                buffer.skip(prefixLength);
                stringReceived(buffer.take((int) length));
                if (transport() != null && transport().isDisconnecting()) {
                    // the string closed the connection: the rest of the packet is not acted on
                    return;
                }
            }
        } finally {
            busyReceiving = false;
        }
    }

    private long readPrefix() {
        long length = 0;
        for (int i = 0; i < prefixLength; i++) {
            length = (length << 8) | (buffer.get(i) & 0xff);
        }
        return length;
    }

    /**
     * Sends {@code string} with its length prefix. Throws {@link IllegalArgumentException} when the
     * prefix cannot hold its length.
     */
    public void sendString(byte[] string) {
        long limit = (1L << (8 * prefixLength)) - 1;
        if (string.length > limit) {
            throw new IllegalArgumentException("a string of " + string.length + " bytes does not fit a "
                    + prefixLength + "-byte length prefix (at most " + limit + ")");
        }
        byte[] framed = new byte[prefixLength + string.length];
        for (int i = 0; i < prefixLength; i++) {
            framed[i] = (byte) (string.length >>> (8 * (prefixLength - 1 - i)));
        }
        System.arraycopy(string, 0, framed, prefixLength, string.length);
        transport().write(framed);
    }

    /** The length of the prefix, in bytes. */
    public int prefixLength() {
        return prefixLength;
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

    /** Removes and returns the bytes received but not yet delivered (prefix included). */
    public byte[] clearStringBuffer() {
        return buffer.takeAll();
    }
}
