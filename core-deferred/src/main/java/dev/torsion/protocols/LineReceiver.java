package dev.torsion.protocols;

import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives lines and/or raw data, depending on its mode: Twisted's
 * {@code LineReceiver}.
 *
 * <p>In line mode (the default) each line, without its delimiter, goes to {@link #lineReceived}.
 * {@link #setRawMode()} switches to raw mode, where bytes go to {@link #rawDataReceived} as they
 * come; {@link #setLineMode(byte[])} switches back. A switch made from inside a callback takes
 * effect at once, for the rest of the bytes already received: a header line followed by a body in
 * the same packet is delivered as one line and then raw data.
 *
 * <p>Lines longer than {@link #maxLength()} (default {@value #DEFAULT_MAX_LENGTH} bytes, without
 * the delimiter) go to {@link #lineLengthExceeded}, which by default logs and closes the connection.
 * The check does not depend on how the stream was cut into packets: a line is too long once it has
 * {@code maxLength + 1} bytes, or once {@code maxLength + delimiter length} bytes arrived without a
 * delimiter.
 *
 * <p>Once a line has closed the connection ({@code transport().isDisconnecting()}), the lines after
 * it in the same packet are not delivered, as in Twisted.
 *
 * <p>As a {@link PushProducer}, the receiver can be paused: it then stops delivering lines (and
 * pauses its transport) until resumed.
 *
 * <pre>{@code
 * class Echo extends LineReceiver {
 *     @Override protected void lineReceived(byte[] line) { sendLine(line); }
 * }
 * }</pre>
 */
public abstract class LineReceiver extends Protocol implements PushProducer {
    /** The default longest line, in bytes, without the delimiter. */
    public static final int DEFAULT_MAX_LENGTH = 16384;
    /** The default delimiter: CR LF. Private: an array cannot be made read-only; see {@link #crlf()}. */
    private static final byte[] CRLF = {'\r', '\n'};

    private static final Logger log = LoggerFactory.getLogger(LineReceiver.class);

    private final LineBuffer lines = new LineBuffer(CRLF, DEFAULT_MAX_LENGTH);
    private boolean lineMode = true;
    private boolean paused;
    private boolean busyReceiving;
    private boolean discarding;

    /** Called with each line, without its delimiter. */
    protected abstract void lineReceived(byte[] line);

    /**
     * Called in raw mode with bytes as they arrive. Protocols that call {@link #setRawMode()} must
     * override it; the default treats raw data as a bug of the subclass.
     */
    protected void rawDataReceived(byte[] data) {
        throw new IllegalStateException(getClass().getName() + " switched to raw mode but does not override rawDataReceived");
    }

    /**
     * Called with the offending bytes when a line is longer than {@link #maxLength()}. The default
     * logs and closes the connection, dropping whatever else arrives; override it to answer first.
     */
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
        if (busyReceiving) {
            // A callback fed us more bytes (e.g. setLineMode(extra)): the running loop will see them.
            return;
        }
        busyReceiving = true;
        try {
            deliver();
        } finally {
            busyReceiving = false;
        }
    }

    private void deliver() {
        while (!lines.isEmpty() && !paused && !discarding) {
            if (lineMode) {
                if (!deliverOneLine()) {
                    return;
                }
            } else {
                rawDataReceived(lines.takeAll());
            }
        }
    }

    /** Delivers the next complete line; false when there is none yet (or it was too long). */
    private boolean deliverOneLine() {
        switch (lines.next()) {
            case NONE -> {
                return false;
            }
            case TOO_LONG -> {
                lineLengthExceeded(lines.takeAll());
                return false;
            }
            default -> lineReceived(lines.takeLine());
        }
        // A line that closed the connection (QUIT) ends the packet: what follows is not acted on.
        return !closing();
    }

    private boolean closing() {
        return transport() != null && transport().isDisconnecting();
    }

    /** Sends {@code line} followed by the delimiter. */
    public void sendLine(byte[] line) {
        transport().write(lines.frame(line));
    }

    /** Sends {@code line}, encoded as UTF-8, followed by the delimiter. */
    public void sendLine(String line) {
        sendLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Switches to raw mode: from the next byte on, data goes to {@link #rawDataReceived}. */
    public void setRawMode() {
        lineMode = false;
    }

    /** Switches to line mode. */
    public void setLineMode() {
        lineMode = true;
        lines.restartSearch();
    }

    /**
     * Switches to line mode and then handles {@code extra} as if it had just arrived: for a protocol
     * that collected raw bytes past the end of its raw part and hands them back.
     */
    public void setLineMode(byte[] extra) {
        setLineMode();
        if (extra != null && extra.length > 0) {
            dataReceived(extra);
        }
    }

    /** Whether the receiver is in line mode. */
    public boolean isLineMode() {
        return lineMode;
    }

    /** Removes and returns the bytes received but not yet delivered. */
    public byte[] clearLineBuffer() {
        return lines.takeAll();
    }

    /** The default delimiter, CR LF: a new array each call, so that no caller can change another's. */
    public static byte[] crlf() {
        return CRLF.clone();
    }

    /** The line delimiter (CR LF unless changed). */
    public byte[] delimiter() {
        return lines.delimiter();
    }

    /** Changes the line delimiter (at least one byte). */
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

    /** Stops delivering lines and pauses the transport's reading, until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        paused = true;
        if (transport() != null) {
            transport().pauseProducing();
        }
    }

    /** Delivers the lines buffered while paused, and resumes the transport's reading. */
    @Override
    public void resumeProducing() {
        paused = false;
        if (transport() != null) {
            transport().resumeProducing();
        }
        dataReceived(new byte[0]);
    }

    /** Stops delivering for good and stops the transport. */
    @Override
    public void stopProducing() {
        paused = true;
        discarding = true;
        if (transport() != null) {
            transport().stopProducing();
        }
    }

    /** Whether delivery is paused. */
    public boolean isPaused() {
        return paused;
    }
}
