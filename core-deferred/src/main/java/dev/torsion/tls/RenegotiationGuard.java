package dev.torsion.tls;

import java.nio.ByteBuffer;

/**
 * Spots a client's attempt to renegotiate, on a server, by reading only the TLS record headers of
 * what the client sends (nothing is decrypted): both TLS paths put it in front of their engine and
 * close the connection when it says so, as nginx refuses client-initiated renegotiation (a client
 * could otherwise make the server redo its costly handshake at will, CVE-2011-1473).
 *
 * <p>A client ends its handshake with a ChangeCipherSpec record and one handshake record (its
 * Finished, RFC 5246 7.4.9). In TLS 1.2 any handshake record after that is a new ClientHello:
 * a renegotiation. TLS 1.3 has none (RFC 8446 4.6: its post-handshake messages travel in
 * application_data records); its middlebox-compatibility ChangeCipherSpec may precede one plain
 * ClientHello after a HelloRetryRequest (RFC 8446 D.4), which this allows. An SSLv2-format hello
 * (which the JDK refuses anyway) turns the guard off.
 */
public final class RenegotiationGuard {
    private static final int HEADER = 5;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;

    private enum State {
        /** Before the client's ChangeCipherSpec: its handshake records are the handshake's. */
        HANDSHAKE,
        /** After it: one handshake record (Finished, or TLS 1.3's second ClientHello) is allowed. */
        AFTER_CHANGE_CIPHER_SPEC,
        /** The handshake is over: a handshake record now is a renegotiation. */
        ESTABLISHED,
        /** A renegotiation was seen. */
        REFUSED,
        /** Not TLS records (an SSLv2 hello): nothing to watch. */
        OFF
    }

    private final byte[] header = new byte[HEADER];
    private int headerFilled;
    private int bodyRemaining;
    private boolean firstRecord = true;
    private State state = State.HANDSHAKE;

    /**
     * Reads the record headers in {@code data}'s remaining bytes (its position is not moved) and
     * returns false once the client has tried to renegotiate, and from then on.
     */
    public boolean accept(ByteBuffer data) {
        int index = data.position();
        int end = data.limit();
        while (index < end && state != State.REFUSED && state != State.OFF) {
            if (bodyRemaining > 0) {
                int skip = Math.min(bodyRemaining, end - index);
                bodyRemaining -= skip;
                index += skip;
                continue;
            }
            header[headerFilled++] = data.get(index++);
            if (firstRecord && headerFilled == 1 && (header[0] & 0x80) != 0) {
                state = State.OFF;
            } else if (headerFilled == HEADER) {
                headerFilled = 0;
                firstRecord = false;
                bodyRemaining = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                recordSeen(header[0] & 0xff);
            }
        }
        return state != State.REFUSED;
    }

    /** Whether a renegotiation attempt has been seen. */
    public boolean refused() {
        return state == State.REFUSED;
    }

    private void recordSeen(int contentType) {
        if (contentType == CHANGE_CIPHER_SPEC && state == State.HANDSHAKE) {
            state = State.AFTER_CHANGE_CIPHER_SPEC;
        } else if (contentType == HANDSHAKE) {
            state = switch (state) {
                case AFTER_CHANGE_CIPHER_SPEC -> State.ESTABLISHED;
                case ESTABLISHED -> State.REFUSED;
                default -> state;
            };
        }
    }
}
