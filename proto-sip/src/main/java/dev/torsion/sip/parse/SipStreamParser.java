package dev.torsion.sip.parse;

import dev.torsion.sip.SipLimits;
import java.util.Arrays;

/**
 * An incremental SIP parser for stream transports (TCP, TLS): bytes go in with {@link #feed} in
 * pieces of any size, {@link #next()} hands out each complete message. Over a stream every message
 * must carry Content-Length (RFC 3261 section 18.3 and 20.14), which frames its body; CRLFs between
 * messages are skipped (section 7.5; RFC 5626 keep-alives). A fault throws
 * {@link SipParseException} and leaves the parser {@link ParseState#FAILED}: the stream's framing
 * is lost, so the connection must close after the reply.
 */
public final class SipStreamParser {
    private static final byte[] EMPTY = new byte[0];

    private final SipLimits limits;
    private ParseState state = ParseState.IDLE;
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
    private int scan;
    private SipMessage pending;
    private int bodyLength;

    /** A parser with {@code limits}. */
    public SipStreamParser(SipLimits limits) {
        this.limits = limits;
    }

    /** Where the parser stands. */
    public ParseState state() {
        return state;
    }

    /** Bytes received and not yet consumed. */
    public int buffered() {
        return end - start;
    }

    /** Adds received bytes (copied). Ignored once failed. */
    public void feed(byte[] data) {
        if (state == ParseState.FAILED || data.length == 0) {
            return;
        }
        int used = end - start;
        if (buffer.length - end < data.length) {
            byte[] grown = new byte[Math.max(used + data.length, Math.min(buffer.length * 2, used + data.length + 4096))];
            System.arraycopy(buffer, start, grown, 0, used);
            scan -= start;
            buffer = grown;
            start = 0;
            end = used;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    /** The next complete message, or null when more bytes are needed (or the parser failed). */
    public SipMessage next() throws SipParseException {
        try {
            return step();
        } catch (SipParseException e) {
            state = ParseState.FAILED;
            buffer = EMPTY;
            start = 0;
            end = 0;
            throw e;
        }
    }

    private SipMessage step() throws SipParseException {
        while (true) {
            switch (state) {
                case IDLE -> {
                    while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
                        start++;
                    }
                    if (start == end) {
                        return null;
                    }
                    scan = start;
                    state = ParseState.HEAD;
                }
                case HEAD -> {
                    int headEnd = findEmptyLine();
                    if (headEnd < 0) {
                        checkHeadLimits();
                        return null;
                    }
                    pending = MessageHeadParser.parse(buffer, start, headEnd + 2, limits);
                    long length = MessageHeadParser.contentLength(pending, limits);
                    if (length < 0) {
                        throw new SipParseException(400, "Missing Content-Length", pending);
                    }
                    bodyLength = (int) length;
                    start = headEnd + 4;
                    state = ParseState.BODY;
                }
                case BODY -> {
                    if (end - start < bodyLength) {
                        return null;
                    }
                    pending.setBody(Arrays.copyOfRange(buffer, start, start + bodyLength));
                    start += bodyLength;
                    SipMessage done = pending;
                    pending = null;
                    state = ParseState.IDLE;
                    if (start == end) {
                        start = 0;
                        end = 0;
                    }
                    return done;
                }
                case FAILED -> {
                    return null;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** The index of the CRLF CRLF that ends the head, or -1; resumes where the last scan stopped. */
    private int findEmptyLine() {
        for (int i = Math.max(start, scan - 3); i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        scan = end;
        return -1;
    }

    /**
     * An unfinished head may not outgrow the start-line and header limits together; the finer checks
     * (414 for the request line, 513 for the headers) run once it is complete, when its Via can
     * address the reply.
     */
    private void checkHeadLimits() throws SipParseException {
        if (end - start > limits.maxStartLine() + limits.maxHeaderBytes() + 4) {
            throw new SipParseException(513, "Message Too Large");
        }
    }
}
