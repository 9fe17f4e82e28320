package dev.torsion.smtp.codec;

import java.io.ByteArrayOutputStream;

/**
 * Decodes the text after DATA: removes dot-stuffing (RFC 5321 §4.5.2) and stops exactly at
 * CR LF . CR LF (§4.1.1.4), which the message starts after (the DATA line's CR LF counts).
 *
 * <p>SMTP smuggling (CVE-2023-51764 and its kin) hides a second message behind an end marker that
 * only one side recognises, such as LF . LF or CR . CR. Here nothing but CR LF . CR LF ends the
 * data, and any bare CR or bare LF (§2.3.8 forbids them) puts the decoder in {@link DataState#FAILED}
 * so the server refuses the whole message instead of normalising it.
 *
 * <p>Longer lines than the text limit and more octets than the size limit do not stop the
 * decoder: the data is read to its end and then refused (552, 500), so the session stays in step.
 * Content beyond the size limit is not produced.
 */
public final class DataDecoder {
    private final int textLineLimit;
    private final long sizeLimit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private DataState state = DataState.LINE_START;
    private long size;
    private int lineLength;
    private boolean lineTooLong;
    private String failure;

    /**
     * @param textLineLimit longest line, CR LF included (RFC 5321 §4.5.3.1.6)
     * @param sizeLimit most octets of content produced
     */
    public DataDecoder(int textLineLimit, long sizeLimit) {
        this.textLineLimit = textLineLimit;
        this.sizeLimit = sizeLimit;
    }

    /**
     * Decodes from {@code input} until it is empty or the data ends; the content decoded so far is
     * then in {@link #takeContent()}.
     *
     * @return the state after this input
     */
    public DataState feed(InputBuffer input) {
        byte[] bytes = input.array();
        int start = input.offset();
        int end = start + input.size();
        int i = start;
        while (i < end && state != DataState.DONE && state != DataState.FAILED) {
            step(bytes[i++]);
        }
        input.skip(i - start);
        return state;
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
            state = DataState.DOT;
        } else {
            text(b);
        }
    }

    private void text(byte b) {
        if (b == '\r') {
            state = DataState.CR;
        } else if (b == '\n') {
            fail("bare LF in message data");
        } else {
            emit(b);
            state = DataState.TEXT;
        }
    }

    private void afterCr(byte b) {
        if (b != '\n') {
            fail("bare CR in message data");
            return;
        }
        emit((byte) '\r');
        emit((byte) '\n');
        state = DataState.LINE_START;
    }

    /** §4.5.2: a line starting with a dot and more has that dot removed; ".\r\n" alone ends. */
    private void afterDot(byte b) {
        lineLength++;
        if (b == '\r') {
            state = DataState.DOT_CR;
        } else if (b == '\n') {
            fail("bare LF after a dot in message data");
        } else {
            text(b);
        }
    }

    private void afterDotCr(byte b) {
        if (b == '\n') {
            state = DataState.DONE;
        } else {
            fail("bare CR after a dot in message data");
        }
    }

    private void emit(byte b) {
        lineLength++;
        if (b != '\r' && b != '\n' && lineLength > textLineLimit - 2) {
            lineTooLong = true;
        }
        size++;
        if (size <= sizeLimit) {
            out.write(b);
        }
    }

    private void fail(String reason) {
        failure = reason;
        state = DataState.FAILED;
    }

    /** Removes and returns the content decoded since the last call (CR LF line ends, unstuffed). */
    public byte[] takeContent() {
        byte[] content = out.toByteArray();
        out.reset();
        return content;
    }

    /** The decoder's state. */
    public DataState state() {
        return state;
    }

    /** Octets of content so far, counting those beyond the size limit. */
    public long size() {
        return size;
    }

    /** Whether the content went past the size limit. */
    public boolean isOversized() {
        return size > sizeLimit;
    }

    /** Whether a line was longer than the text line limit. */
    public boolean hadLineTooLong() {
        return lineTooLong;
    }

    /** Why the decoder failed, or null. */
    public String failure() {
        return failure;
    }
}
