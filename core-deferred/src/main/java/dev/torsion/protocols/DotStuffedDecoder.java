package dev.torsion.protocols;

import java.io.ByteArrayOutputStream;

/**
 * Decodes a dot-terminated block, the multi-line text of SMTP's DATA (RFC 5321 §4.5.2), POP3's
 * multi-line responses (RFC 1939 §3) and NNTP's articles and lists (RFC 3977 §3.1.1): removes the
 * dot that stuffs a line starting with a dot and stops exactly at CR LF . CR LF, the line holding a
 * single dot. Pure; fed any split of the stream, it produces the same content.
 *
 * <p>Only CR LF ends a line. A bare CR or a bare LF puts the decoder in {@link State#FAILED}: an end
 * marker that only one side recognises (LF . LF, CR . CR) would let a second message hide behind
 * the first (SMTP smuggling, CVE-2023-51764), so nothing is normalised.
 *
 * <p>Lines longer than the line limit and more octets than the size limit do not stop the decoder:
 * the block is read to its end and the caller refuses it with its protocol's reply, so the session
 * stays in step. Content beyond the size limit is never held.
 */
public final class DotStuffedDecoder {
    /** Where the decoder stands in the block. */
    public enum State {
        /** At the start of a line: a dot here is stuffing or the end marker. */
        LINE_START,
        /** Inside a line. */
        TEXT,
        /** After a CR inside a line: only LF may follow. */
        CR,
        /** After a dot at the start of a line. */
        DOT,
        /** After a dot and CR at the start of a line: LF ends the block. */
        DOT_CR,
        /** The end marker was read (terminal). */
        DONE,
        /** A bare CR or bare LF was read (terminal): the block is refused. */
        FAILED
    }

    private final int lineLimit;
    private final long sizeLimit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private State state = State.LINE_START;
    private long size;
    private int lineLength;
    private boolean lineTooLong;
    private String failure;

    /**
     * @param lineLimit longest line as sent (a stuffing dot counted), CR LF excluded
     * @param sizeLimit most octets of content kept
     */
    public DotStuffedDecoder(int lineLimit, long sizeLimit) {
        this.lineLimit = lineLimit;
        this.sizeLimit = sizeLimit;
    }

    /**
     * Decodes {@code length} octets of {@code bytes} from {@code offset}, stopping at the end of the
     * block.
     *
     * @return how many octets were consumed (fewer than {@code length} only when the block ended
     *     or failed: the rest belongs to what follows)
     */
    public int feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && !isFinished()) {
            step(bytes[i++]);
        }
        return i - offset;
    }

    /** As {@link #feed(byte[], int, int)} for the whole array. */
    public int feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    private void step(byte b) {
        switch (state) {
            case LINE_START -> lineStart(b);
            case TEXT -> text(b);
            case CR -> afterCr(b);
            case DOT -> afterDot(b);
            case DOT_CR -> afterDotCr(b);
            default -> throw new IllegalStateException("decoder is " + state);
        }
    }

    private void lineStart(byte b) {
        lineLength = 0;
        if (b == '.') {
            countLineOctet();
            state = State.DOT;
        } else {
            text(b);
        }
    }

    private void text(byte b) {
        if (b == '\r') {
            state = State.CR;
        } else if (b == '\n') {
            fail("bare LF");
        } else {
            countLineOctet();
            emit(b);
            state = State.TEXT;
        }
    }

    private void afterCr(byte b) {
        if (b != '\n') {
            fail("bare CR");
            return;
        }
        emit((byte) '\r');
        emit((byte) '\n');
        state = State.LINE_START;
    }

    /** A line starting with a dot and more has that dot removed; "." alone ends the block. */
    private void afterDot(byte b) {
        if (b == '\r') {
            state = State.DOT_CR;
        } else if (b == '\n') {
            fail("bare LF after a dot");
        } else {
            text(b);
        }
    }

    private void afterDotCr(byte b) {
        if (b == '\n') {
            state = State.DONE;
        } else {
            fail("bare CR after a dot");
        }
    }

    private void countLineOctet() {
        lineLength++;
        if (lineLength > lineLimit) {
            lineTooLong = true;
        }
    }

    private void emit(byte b) {
        size++;
        if (size <= sizeLimit) {
            out.write(b);
        }
    }

    private void fail(String reason) {
        failure = reason;
        state = State.FAILED;
    }

    /** Removes and returns the content decoded since the last call (CR LF line ends, unstuffed). */
    public byte[] takeContent() {
        byte[] content = out.toByteArray();
        out.reset();
        return content;
    }

    /** The decoder's state. */
    public State state() {
        return state;
    }

    /** Whether the block is over, complete or failed. */
    public boolean isFinished() {
        return state == State.DONE || state == State.FAILED;
    }

    /** Octets of content so far, counting those beyond the size limit. */
    public long size() {
        return size;
    }

    /** Whether the content went past the size limit. */
    public boolean isOversized() {
        return size > sizeLimit;
    }

    /** Whether a line was longer than the line limit. */
    public boolean hadLineTooLong() {
        return lineTooLong;
    }

    /** Why the decoder failed ("bare CR", "bare LF", ...), or null. */
    public String failure() {
        return failure;
    }
}
