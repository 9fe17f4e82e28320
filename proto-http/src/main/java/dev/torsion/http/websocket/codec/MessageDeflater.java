package dev.torsion.http.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses permessage-deflate messages (RFC 7692 section 7.2.1): deflate, a sync flush, and the
 * final {@code 00 00 FF FF} removed. Only the full 32 KiB window is produced (the JDK's deflater
 * has no other), which is why this side never agrees to a smaller {@code *_max_window_bits} for
 * what it sends.
 */
public final class MessageDeflater implements AutoCloseable {
    private final Deflater deflater;
    private final boolean noContextTakeover;
    private final byte[] buffer = new byte[16 * 1024];

    /** A deflater at {@code level}; {@code noContextTakeover} when each message must start afresh. */
    public MessageDeflater(int level, boolean noContextTakeover) {
        this.deflater = new Deflater(level, true);
        this.noContextTakeover = noContextTakeover;
    }

    /** The compressed payload of {@code message}. */
    public byte[] deflate(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, message.length / 2));
        int count;
        do {
            count = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, count);
        } while (count == buffer.length || !deflater.needsInput());
        if (noContextTakeover) {
            deflater.reset();
        }
        byte[] compressed = out.toByteArray();
        // RFC 7692 section 7.2.1: remove the 4 octets 0x00 0x00 0xff 0xff at the tail end.
        int length = compressed.length;
        if (length >= 4 && compressed[length - 4] == 0 && compressed[length - 3] == 0
                && compressed[length - 2] == (byte) 0xFF && compressed[length - 1] == (byte) 0xFF) {
            length -= 4;
        }
        if (length == 0) {
            // RFC 7692 section 7.2.3.6: an empty message is sent as a single 0x00 octet.
            return new byte[] {0x00};
        }
        return Arrays.copyOf(compressed, length);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
