package dev.torsion.nntp.parse;

import java.io.ByteArrayOutputStream;

/**
 * Decodes a multi-line block (RFC 3977 §3.1.1): removes the dot that stuffs a line starting with a
 * dot and stops exactly at the line holding a single dot, CR LF . CR LF. Pure; fed any split of the
 * stream, it produces the same content.
 *
 * <p>Every line must end in CR LF (§3.1.1). A bare CR or bare LF puts the decoder in
 * {@link BlockState#FAILED}: as with SMTP smuggling, an end marker that only one side recognises
 * (LF . LF) would let a second article hide behind the first, so nothing is normalised.
 *
 * <p>Lines longer than the line limit and more octets than the size limit do not stop the decoder:
 * the block is read to its end and the caller refuses it (441 or 437), so the session stays in
 * step. Content beyond the size limit is never held.
 */
public final class BlockDecoder {
    private final int lineLimit;
    private final long sizeLimit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private BlockState state = BlockState.LINE_START;
    private long size;
    private int lineLength;
    private boolean lineTooLong;
    private String failure;

    /**
     * @param lineLimit longest line of content, CR LF excluded, after unstuffing
     * @param sizeLimit most octets of content kept
     */
    public BlockDecoder(int lineLimit, long sizeLimit) {
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
        while (i < end && state != BlockState.DONE && state != BlockState.FAILED) {
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
            state = BlockState.DOT;
        } else {
            text(b);
        }
    }

    private void text(byte b) {
        if (b == '\r') {
            state = BlockState.CR;
        } else if (b == '\n') {
            fail("bare LF");
        } else {
            lineLength++;
            if (lineLength > lineLimit) {
                lineTooLong = true;
            }
            emit(b);
            state = BlockState.TEXT;
        }
    }

    private void afterCr(byte b) {
        if (b != '\n') {
            fail("bare CR");
            return;
        }
        emit((byte) '\r');
        emit((byte) '\n');
        state = BlockState.LINE_START;
    }

    /** §3.1.1: a line starting with a dot and more has that dot removed; "." alone ends the block. */
    private void afterDot(byte b) {
        if (b == '\r') {
            state = BlockState.DOT_CR;
        } else if (b == '\n') {
            fail("bare LF after a dot");
        } else {
            text(b);
        }
    }

    private void afterDotCr(byte b) {
        if (b == '\n') {
            state = BlockState.DONE;
        } else {
            fail("bare CR after a dot");
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
        state = BlockState.FAILED;
    }

    /** Removes and returns the content decoded since the last call (CR LF line ends, unstuffed). */
    public byte[] takeContent() {
        byte[] content = out.toByteArray();
        out.reset();
        return content;
    }

    /** The decoder's state. */
    public BlockState state() {
        return state;
    }

    /** Whether the block is over, complete or failed. */
    public boolean isFinished() {
        return state == BlockState.DONE || state == BlockState.FAILED;
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

    /** Why the decoder failed, or null. */
    public String failure() {
        return failure;
    }
}
