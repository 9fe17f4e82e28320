package dev.torsion.irc.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Cuts a byte stream into IRC lines: a push decoder with no I/O. Lines end with LF, CR LF being
 * the norm (RFC 1459 §2.3; Modern IRC "Message format": LF alone is accepted too); the CR
 * before the LF is removed, empty lines are skipped (Modern IRC: "SHOULD be silently ignored").
 *
 * <p>Memory stays bounded whatever arrives: a line longer than {@code maxLineBytes} (before its
 * LF) becomes one {@link Frame#tooLong()} frame as soon as the limit is passed, and its bytes up
 * to the next LF are dropped as they come ({@link FramerState#DISCARDING}); whole lines waiting
 * to be taken (while the reader is throttled) may hold {@code receiveQueueBytes} at most, past
 * which the framer is {@link FramerState#FAILED} for good: the server's "Excess Flood".
 */
public final class IrcLineFramer {
    /** The framer's states. */
    public enum FramerState {
        /** Collecting the current line. */
        LINE,
        /** Dropping the rest of a line that was too long, up to its LF. */
        DISCARDING,
        /** The receive queue overflowed; nothing more is taken. Terminal. */
        FAILED;

        FramerState lineTooLong() {
            return this == FAILED ? FAILED : DISCARDING;
        }

        FramerState lineEnded() {
            return this == FAILED ? FAILED : LINE;
        }

        FramerState overflow() {
            return FAILED;
        }
    }

    /**
     * One frame: a line (without CR LF) or the mark of a line that was too long.
     *
     * @param line the line's bytes, or null for a line that was too long
     */
    public record Frame(byte[] line) {
        /** The mark of a line over the limit. */
        public static Frame tooLong() {
            return new Frame(null);
        }

        /** Whether this is the mark of a line over the limit. */
        public boolean isTooLong() {
            return line == null;
        }
    }

    private final int maxLineBytes;
    private final int receiveQueueBytes;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private FramerState state = FramerState.LINE;
    private int queuedBytes;

    /**
     * A framer for lines of at most {@code maxLineBytes} before the LF (CR included), holding at
     * most {@code receiveQueueBytes} of lines not yet taken.
     */
    public IrcLineFramer(int maxLineBytes, int receiveQueueBytes) {
        if (maxLineBytes < 1 || receiveQueueBytes < maxLineBytes) {
            throw new IllegalArgumentException("the receive queue must hold at least one line");
        }
        this.maxLineBytes = maxLineBytes;
        this.receiveQueueBytes = receiveQueueBytes;
    }

    /** Takes {@code data}; the lines it completes wait for {@link #next()}. */
    public void feed(byte[] data) {
        for (int i = 0; i < data.length && state != FramerState.FAILED; i++) {
            byte b = data[i];
            if (b == '\n') {
                endLine();
            } else if (state == FramerState.LINE) {
                current.write(b);
                if (current.size() > maxLineBytes) {
                    current.reset();
                    state = state.lineTooLong();
                    queue(Frame.tooLong(), 0);
                }
            }
        }
    }

    private void endLine() {
        if (state == FramerState.DISCARDING) {
            state = state.lineEnded();
            return;
        }
        byte[] line = current.toByteArray();
        current.reset();
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            return;
        }
        byte[] trimmed = new byte[length];
        System.arraycopy(line, 0, trimmed, 0, length);
        queue(new Frame(trimmed), length);
    }

    private void queue(Frame frame, int size) {
        frames.add(frame);
        queuedBytes += size;
        if (queuedBytes > receiveQueueBytes) {
            state = state.overflow();
            frames.clear();
            current.reset();
        }
    }

    /** The next frame, or null when no whole line is waiting. */
    public Frame next() {
        Frame frame = frames.poll();
        if (frame != null && !frame.isTooLong()) {
            queuedBytes -= frame.line().length;
        }
        return frame;
    }

    /** The framer's state. */
    public FramerState state() {
        return state;
    }

    /** Bytes of whole lines waiting to be taken. */
    public int queuedBytes() {
        return queuedBytes;
    }

    /** Drops every line waiting and the partial one (after QUIT or an error that closes). */
    public void clear() {
        frames.clear();
        current.reset();
        queuedBytes = 0;
    }
}
