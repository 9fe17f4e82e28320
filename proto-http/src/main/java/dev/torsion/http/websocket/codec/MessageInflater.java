package dev.torsion.http.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses permessage-deflate messages (RFC 7692 section 7.2.2) with a bound on what comes
 * out: inflation stops the moment a message passes its budget, so a few kilobytes that would
 * inflate to gigabytes (a decompression bomb) cost at most the budget plus one buffer.
 */
public final class MessageInflater implements AutoCloseable {
    /** RFC 7692 section 7.2.2: the empty stored block the sender removed from each message's end. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final byte[] buffer = new byte[16 * 1024];

    /** An inflater; {@code noContextTakeover} when the peer starts each message afresh (its *_no_context_takeover). */
    public MessageInflater(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Inflates one frame's compressed payload into {@code out}; {@code last} for the last frame
     * of the message. Fails with 1009 once more than {@code budget} bytes come out, and with 1007
     * on data that is not deflate.
     */
    public void inflate(byte[] compressed, boolean last, ByteArrayOutputStream out, long budget) throws WebSocketException {
        long produced = run(compressed, out, budget);
        if (last) {
            if (!inflater.finished()) {
                run(TAIL, out, budget - produced);
            }
            if (noContextTakeover || inflater.finished()) {
                // A final block (BFINAL) ends the stream: the next message starts a new one.
                inflater.reset();
            }
        }
    }

    private long run(byte[] compressed, ByteArrayOutputStream out, long budget) throws WebSocketException {
        inflater.setInput(compressed);
        long produced = 0;
        try {
            while (!inflater.finished()) {
                int count = inflater.inflate(buffer);
                if (count == 0) {
                    if (inflater.needsInput()) {
                        break;
                    }
                    throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "compressed data needs a preset dictionary");
                }
                produced += count;
                if (produced > budget) {
                    throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG, "message inflates past the limit");
                }
                out.write(buffer, 0, count);
            }
        } catch (DataFormatException e) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "invalid compressed data: " + e.getMessage());
        }
        return produced;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
