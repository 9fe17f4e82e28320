package dev.torsion.protocols;

import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
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

    private final LineBuffer lines = new LineBuffer(LineReceiver.crlf(), DEFAULT_MAX_LENGTH);
    private boolean discarding;

    /** Called with each line, without its delimiter. */
    protected abstract void lineReceived(byte[] line);

    /** Called when a line is too long; the default logs and closes the connection, dropping the rest. */
    protected void lineLengthExceeded(byte[] line) {
        log.warn("line longer than {} bytes from {}: closing the connection", lines.maxLength(),
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
        lines.append(data);
        while (!discarding) {
            switch (lines.next()) {
                case NONE -> {
                    return;
                }
                case TOO_LONG -> {
                    lineLengthExceeded(lines.takeAll());
                    return;
                }
                default -> lineReceived(lines.takeLine());
            }
            if (transport() != null && transport().isDisconnecting()) {
                // the line closed the connection: the rest of the packet is not acted on
                return;
            }
        }
    }

    /** Sends {@code line} followed by the delimiter. */
    public void sendLine(byte[] line) {
        transport().write(lines.frame(line));
    }

    /** Sends {@code line}, encoded as UTF-8, followed by the delimiter. */
    public void sendLine(String line) {
        sendLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The line delimiter (CR LF unless changed). */
    public byte[] delimiter() {
        return lines.delimiter();
    }

    /** Changes the line delimiter (at least one byte); best done before any data arrives. */
    public void setDelimiter(byte[] newDelimiter) {
        lines.setDelimiter(newDelimiter);
    }

    /** The longest line accepted, in bytes, without the delimiter. */
    public int maxLength() {
        return lines.maxLength();
    }

    /** Changes the longest line accepted (at least 1). */
    public void setMaxLength(int newMaxLength) {
        lines.setMaxLength(newMaxLength);
    }
}
