package dev.torsion.http.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip stream (RFC 1952) fed in pieces of any size: header, deflate data, and the
 * trailer whose CRC and length are checked. Output beyond {@code maxOutput} bytes is refused (a
 * decompression bomb).
 */
final class GzipDecoder {
    private enum State { HEADER, DATA, TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final long maxOutput;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private State state = State.HEADER;
    private long produced;

    GzipDecoder(long maxOutput) {
        this.maxOutput = maxOutput;
    }

    /** Decodes what {@code data} completes; returns the decoded bytes (maybe none). */
    byte[] decode(byte[] data) throws IOException {
        pending.writeBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 3);
        byte[] input = pending.toByteArray();
        pending.reset();
        int at = 0;
        while (at < input.length || state == State.DATA && !inflater.needsInput()) {
            switch (state) {
                case HEADER -> {
                    int headerLength = headerLength(input, at);
                    if (headerLength < 0) {
                        pending.write(input, at, input.length - at);
                        return out.toByteArray();
                    }
                    at += headerLength;
                    state = State.DATA;
                }
                case DATA -> {
                    if (inflater.needsInput()) {
                        inflater.setInput(input, at, input.length - at);
                        at = input.length;
                    }
                    inflate(out);
                    if (inflater.finished()) {
                        int left = inflater.getRemaining();
                        at = input.length - left;
                        state = State.TRAILER;
                    } else if (inflater.needsInput()) {
                        return out.toByteArray();
                    }
                }
                case TRAILER -> {
                    if (input.length - at < 8) {
                        pending.write(input, at, input.length - at);
                        return out.toByteArray();
                    }
                    long expectedCrc = littleEndian(input, at);
                    long expectedSize = littleEndian(input, at + 4);
                    if (expectedCrc != crc.getValue() || expectedSize != (produced & 0xffffffffL)) {
                        throw new IOException("gzip trailer does not match the data");
                    }
                    at += 8;
                    state = State.DONE;
                }
                case DONE -> {
                    // Trailing bytes after the member (padding) are ignored.
                    return out.toByteArray();
                }
                default -> throw new IllegalStateException();
            }
        }
        return out.toByteArray();
    }

    /** Checks that the stream ended where it should. */
    void finish() throws IOException {
        if (state != State.DONE) {
            throw new IOException("truncated gzip stream");
        }
    }

    private void inflate(ByteArrayOutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        try {
            int count;
            while ((count = inflater.inflate(buffer)) > 0) {
                produced += count;
                if (produced > maxOutput) {
                    throw new IOException("gzip body inflates beyond " + maxOutput + " bytes");
                }
                crc.update(buffer, 0, count);
                out.write(buffer, 0, count);
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /** The header's length, or -1 when it is not complete yet. */
    private static int headerLength(byte[] input, int start) throws IOException {
        int at = start;
        if (input.length - at < 10) {
            return -1;
        }
        if ((input[at] & 0xff) != 0x1f || (input[at + 1] & 0xff) != 0x8b || input[at + 2] != 8) {
            throw new IOException("not a gzip stream");
        }
        int flags = input[at + 3] & 0xff;
        at += 10;
        if ((flags & FEXTRA) != 0) {
            if (input.length - at < 2) {
                return -1;
            }
            int extra = (input[at] & 0xff) | (input[at + 1] & 0xff) << 8;
            at += 2 + extra;
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (at < input.length && input[at] != 0) {
                    at++;
                }
                if (at >= input.length) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at > input.length ? -1 : at - start;
    }

    private static long littleEndian(byte[] data, int at) {
        return (data[at] & 0xffL) | (data[at + 1] & 0xffL) << 8 | (data[at + 2] & 0xffL) << 16 | (data[at + 3] & 0xffL) << 24;
    }

    void close() {
        inflater.end();
    }
}
