package dev.torsion.protocols;

import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives only lines: Twisted's {@code LineOnlyReceiver}, a leaner
 * {@link LineReceiver} without raw mode or pausing, for protocols that are lines from start to end.
 *
 * <p>Lines longer than {@link #maxLength()} (default {@value #DEFAULT_MAX_LENGTH} bytes, without
 * the delimiter) go to {@link #lineLengthExceeded}, which by default logs and closes the connection.
 * As in {@link LineReceiver}, the verdict does not depend on how the stream was cut into packets,
 * and the lines after one that closed the connection are not delivered.
 */
public abstract class LineOnlyReceiver extends Protocol {
    /** The default longest line, in bytes, without the delimiter. */
    public static final int DEFAULT_MAX_LENGTH = 16384;

    private static final Logger log = LoggerFactory.getLogger(LineOnlyReceiver.class);

    private final ByteAccumulator buffer = new ByteAccumulator();
    private byte[] delimiter = LineReceiver.CRLF;
    private int maxLength = DEFAULT_MAX_LENGTH;
    private boolean discarding;

    /** Called with each line, without its delimiter. */
    protected abstract void lineReceived(byte[] line);

    /** Called when a line is too long; the default logs and closes the connection, dropping the rest. */
    protected void lineLengthExceeded(byte[] line) {
        log.warn("line longer than {} bytes from {}: closing the connection", maxLength,
                transport() == null ? "(no transport)" : transport().getPeer());
        discarding = true;
        if (transport() != null) {
            transport().loseConnection();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (discarding) {
            return;
        }
        int searchFrom = Math.max(0, buffer.size() - delimiter.length + 1);
        buffer.append(data);
        while (!discarding) {
            int at = buffer.indexOf(delimiter, searchFrom);
            if (at < 0) {
                if (buffer.size() >= maxLength + delimiter.length) {
                    lineLengthExceeded(buffer.takeAll());
                }
                return;
            }
            if (at > maxLength) {
                lineLengthExceeded(buffer.takeAll());
                return;
            }
            byte[] line = buffer.take(at);
            buffer.skip(delimiter.length);
            searchFrom = 0;
            lineReceived(line);
            if (transport() != null && transport().isDisconnecting()) {
                // the line closed the connection: the rest of the packet is not acted on
                return;
            }
        }
    }

    /** Sends {@code line} followed by the delimiter. */
    public void sendLine(byte[] line) {
        byte[] framed = new byte[line.length + delimiter.length];
        System.arraycopy(line, 0, framed, 0, line.length);
        System.arraycopy(delimiter, 0, framed, line.length, delimiter.length);
        transport().write(framed);
    }

    /** Sends {@code line}, encoded as UTF-8, followed by the delimiter. */
    public void sendLine(String line) {
        sendLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The line delimiter (CR LF unless changed). */
    public byte[] delimiter() {
        return delimiter.clone();
    }

    /** Changes the line delimiter (at least one byte); best done before any data arrives. */
    public void setDelimiter(byte[] newDelimiter) {
        Objects.requireNonNull(newDelimiter, "delimiter");
        if (newDelimiter.length == 0) {
            throw new IllegalArgumentException("the line delimiter cannot be empty");
        }
        delimiter = newDelimiter.clone();
    }

    /** The longest line accepted, in bytes, without the delimiter. */
    public int maxLength() {
        return maxLength;
    }

    /** Changes the longest line accepted (at least 1). */
    public void setMaxLength(int newMaxLength) {
        if (newMaxLength < 1) {
            throw new IllegalArgumentException("max line length must be positive: " + newMaxLength);
        }
        maxLength = newMaxLength;
    }
}
