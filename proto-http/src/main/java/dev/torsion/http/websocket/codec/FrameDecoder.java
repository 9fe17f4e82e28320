package dev.torsion.http.websocket.codec;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The incremental frame decoder of RFC 6455 section 5.2: bytes go in with {@link #feed} in pieces
 * of any size, {@link #next()} hands out each frame once it is whole, unmasked. Every rule that a
 * frame's header alone can break is checked as soon as that byte is in, so a hostile header is
 * refused before its payload is waited for:
 *
 * <ul>
 *   <li>RSV2, RSV3, and RSV1 unless an extension gave it a meaning, or on a control or continuation
 *       frame (RFC 6455 section 5.2, RFC 7692 section 6.1): 1002;</li>
 *   <li>a reserved opcode (section 5.2): 1002;</li>
 *   <li>a fragmented control frame, or one longer than 125 bytes (section 5.5): 1002;</li>
 *   <li>an unmasked frame to a server, a masked one to a client (section 5.1): 1002;</li>
 *   <li>a 64-bit length with its most significant bit set (section 5.2): 1002;</li>
 *   <li>a payload over the frame limit: 1009, before any of it is buffered.</li>
 *   <li>(the payload's buffer grows as its bytes arrive, so a header declaring a large frame costs nothing until the bytes come.)</li>
 * </ul>
 *
 * <p>Lengths not in their shortest form are accepted: section 5.2 binds senders to the minimal
 * encoding, and refusing a longer one protects nothing. What the decoder holds is bounded by the
 * frame limit plus the bytes fed and not yet asked for.
 */
public final class FrameDecoder {
    /** Where the decoder is in the current frame. */
    enum State { HEADER, EXTENDED_LENGTH, MASK_KEY, PAYLOAD, FAILED }

    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int INITIAL_PAYLOAD_BUFFER = 64 * 1024;

    private final Side side;
    private final int maxPayload;
    private boolean rsv1Allowed;

    private final ArrayDeque<byte[]> input = new ArrayDeque<>();
    private int inputOffset;
    private long buffered;

    private State state = State.HEADER;
    private final byte[] scratch = new byte[8];
    private int scratchFilled;
    private int first;
    private boolean masked;
    private int lengthBytes;
    private final byte[] mask = new byte[4];
    private byte[] payload;
    private int payloadLength;
    private int payloadFilled;
    private WebSocketException failure;

    /** A decoder for the frames that {@code side} receives, refusing payloads over {@code maxPayload}. */
    public FrameDecoder(Side side, int maxPayload) {
        this.side = side;
        this.maxPayload = maxPayload;
    }

    /** Allows RSV1 on the first frame of data messages: permessage-deflate was negotiated (RFC 7692 section 6). */
    public void allowRsv1() {
        rsv1Allowed = true;
    }

    /** Adds received bytes; the array becomes the decoder's. */
    public void feed(byte[] data) {
        if (data.length > 0) {
            input.add(data);
            buffered += data.length;
        }
    }

    /** Bytes fed and not yet consumed. */
    public long buffered() {
        return buffered;
    }

    /** Where the decoder is (for tests). */
    State state() {
        return state;
    }

    /** The next whole frame, or null when more bytes are needed. */
    public Frame next() throws WebSocketException {
        if (failure != null) {
            throw failure;
        }
        try {
            return step();
        } catch (WebSocketException e) {
            state = State.FAILED;
            failure = e;
            input.clear();
            buffered = 0;
            throw e;
        }
    }

    private Frame step() throws WebSocketException {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (!fill(2)) {
                        return null;
                    }
                    headerReceived(scratch[0] & 0xFF, scratch[1] & 0xFF);
                }
                case EXTENDED_LENGTH -> {
                    if (!fill(lengthBytes)) {
                        return null;
                    }
                    extendedLengthReceived();
                }
                case MASK_KEY -> {
                    if (!fill(4)) {
                        return null;
                    }
                    System.arraycopy(scratch, 0, mask, 0, 4);
                    scratchFilled = 0;
                    state = State.PAYLOAD;
                }
                case PAYLOAD -> {
                    copyPayload();
                    if (payloadFilled < payloadLength) {
                        return null;
                    }
                    return frameComplete();
                }
                default -> throw new IllegalStateException("the decoder failed before");
            }
        }
    }

    /** Checks everything the two first bytes can break, as soon as each is in. */
    private void headerReceived(int b0, int b1) throws WebSocketException {
        first = b0;
        int opcodeBits = b0 & 0x0F;
        Opcode opcode = Opcode.of(opcodeBits);
        if (opcode == null) {
            throw protocolError("reserved opcode 0x" + Integer.toHexString(opcodeBits));
        }
        if ((b0 & 0x30) != 0) {
            // RFC 6455 section 5.2: RSV2 and RSV3 must be 0 unless an extension defines them; none here does.
            throw protocolError("RSV2 or RSV3 set without an extension that defines them");
        }
        if ((b0 & 0x40) != 0 && (!rsv1Allowed || opcode.isControl() || opcode == Opcode.CONTINUATION)) {
            // RFC 7692 section 6.1: RSV1 ("compressed") only on the first frame of a data message, once negotiated.
            throw protocolError("RSV1 set " + (rsv1Allowed ? "on a " + opcode + " frame" : "without permessage-deflate"));
        }
        boolean fin = (b0 & 0x80) != 0;
        if (opcode.isControl() && !fin) {
            // RFC 6455 section 5.5: control frames must not be fragmented.
            throw protocolError("fragmented " + opcode + " frame");
        }
        masked = (b1 & 0x80) != 0;
        if (side == Side.SERVER && !masked) {
            // RFC 6455 section 5.1: a server must close the connection on an unmasked frame.
            throw protocolError("unmasked frame from a client");
        }
        if (side == Side.CLIENT && masked) {
            // RFC 6455 section 5.1: a client must close the connection on a masked frame.
            throw protocolError("masked frame from a server");
        }
        int length = b1 & 0x7F;
        if (opcode.isControl() && length > MAX_CONTROL_PAYLOAD) {
            // RFC 6455 section 5.5: control frames carry at most 125 bytes (so their length is never extended).
            throw protocolError(opcode + " frame of more than 125 bytes");
        }
        scratchFilled = 0;
        if (length == 126 || length == 127) {
            lengthBytes = length == 126 ? 2 : 8;
            state = State.EXTENDED_LENGTH;
            return;
        }
        payloadLength(length);
    }

    private void extendedLengthReceived() throws WebSocketException {
        long length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (scratch[i] & 0xFF);
        }
        if (length < 0) {
            // RFC 6455 section 5.2: the most significant bit of a 64-bit length must be 0.
            throw protocolError("64-bit frame length with its most significant bit set");
        }
        scratchFilled = 0;
        payloadLength(length);
    }

    private void payloadLength(long length) throws WebSocketException {
        if (length > maxPayload) {
            throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG,
                    "frame payload of " + length + " bytes over the limit of " + maxPayload);
        }
        // The array grows as the payload arrives: a header alone never costs the whole declared length.
        payloadLength = (int) length;
        payload = new byte[Math.min(payloadLength, INITIAL_PAYLOAD_BUFFER)];
        payloadFilled = 0;
        state = masked ? State.MASK_KEY : State.PAYLOAD;
    }

    private Frame frameComplete() {
        byte[] data = payload;
        if (masked) {
            // RFC 6455 section 5.3: octet i is XORed with octet i modulo 4 of the masking key.
            for (int i = 0; i < data.length; i++) {
                data[i] ^= mask[i & 3];
            }
        }
        payload = null;
        state = State.HEADER;
        return new Frame((first & 0x80) != 0, (first & 0x40) != 0, Opcode.of(first & 0x0F), data);
    }

    /** Moves input into the scratch buffer until it holds {@code count} bytes; false while short. */
    private boolean fill(int count) {
        while (scratchFilled < count && !input.isEmpty()) {
            byte[] head = input.peek();
            int take = Math.min(count - scratchFilled, head.length - inputOffset);
            System.arraycopy(head, inputOffset, scratch, scratchFilled, take);
            scratchFilled += take;
            consume(head, take);
        }
        return scratchFilled == count;
    }

    private void copyPayload() {
        while (payloadFilled < payloadLength && !input.isEmpty()) {
            byte[] head = input.peek();
            int take = Math.min(payloadLength - payloadFilled, head.length - inputOffset);
            if (payloadFilled + take > payload.length) {
                int grown = (int) Math.min(payloadLength, Math.max(payloadFilled + (long) take, 2L * payload.length));
                payload = Arrays.copyOf(payload, grown);
            }
            System.arraycopy(head, inputOffset, payload, payloadFilled, take);
            payloadFilled += take;
            consume(head, take);
        }
    }

    private void consume(byte[] head, int count) {
        inputOffset += count;
        buffered -= count;
        if (inputOffset == head.length) {
            input.poll();
            inputOffset = 0;
        }
    }

    private static WebSocketException protocolError(String message) {
        return new WebSocketException(CloseCodes.PROTOCOL_ERROR, message);
    }
}
