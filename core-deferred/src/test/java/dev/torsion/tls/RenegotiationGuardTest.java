package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The record-header watch that spots a client's renegotiation, whole and over every split. */
class RenegotiationGuardTest {
    private static byte[] record(int type, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[length]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** TLS 1.2: ClientHello, ClientKeyExchange, ChangeCipherSpec, Finished, data. */
    private static final byte[] TLS12_HANDSHAKE = concat(record(22, 200), record(22, 70), record(20, 1),
            record(22, 40), record(23, 300));
    private static final byte[] RENEGOTIATION = record(22, 512);

    private static boolean acceptWhole(byte[] data) {
        return new RenegotiationGuard().accept(ByteBuffer.wrap(data));
    }

    /** Feeds the bytes split at {@code at}; returns what the guard said after the last piece. */
    private static boolean acceptSplit(byte[] data, int at) {
        RenegotiationGuard guard = new RenegotiationGuard();
        guard.accept(ByteBuffer.wrap(data, 0, at).slice());
        return guard.accept(ByteBuffer.wrap(data, at, data.length - at).slice());
    }

    @Test
    void aTls12HandshakeAndDataPass() {
        assertTrue(acceptWhole(TLS12_HANDSHAKE));
    }

    @Test
    void aHandshakeRecordAfterTheClientsFinishedIsRefused() {
        byte[] attempt = concat(TLS12_HANDSHAKE, RENEGOTIATION);
        assertFalse(acceptWhole(attempt));
        for (int at = 0; at <= attempt.length; at++) {
            assertFalse(acceptSplit(attempt, at), "split at " + at);
        }
        for (int at = 0; at <= TLS12_HANDSHAKE.length; at++) {
            assertTrue(acceptSplit(TLS12_HANDSHAKE, at), "split at " + at);
        }
    }

    @Test
    void byteByByteTheRefusalComesWithTheRecordHeader() {
        byte[] attempt = concat(TLS12_HANDSHAKE, RENEGOTIATION);
        RenegotiationGuard guard = new RenegotiationGuard();
        int refusedAt = -1;
        for (int i = 0; i < attempt.length && refusedAt < 0; i++) {
            if (!guard.accept(ByteBuffer.wrap(attempt, i, 1).slice())) {
                refusedAt = i;
            }
        }
        assertEquals(TLS12_HANDSHAKE.length + 4, refusedAt);
        assertTrue(guard.refused());
        assertFalse(guard.accept(ByteBuffer.wrap(record(23, 10))), "once refused, always refused");
    }

    @Test
    void tls13WithItsCompatibilityChangeCipherSpecPasses() {
        assertTrue(acceptWhole(concat(record(22, 300), record(20, 1), record(23, 80), record(23, 500))));
        // After a HelloRetryRequest: ChangeCipherSpec, then the second ClientHello in the clear.
        assertTrue(acceptWhole(concat(record(22, 300), record(20, 1), record(22, 300), record(23, 80),
                record(23, 500))));
    }

    @Test
    void anSslV2HelloTurnsTheGuardOff() {
        assertTrue(acceptWhole(new byte[] {(byte) 0x80, 0x2e, 1, 3, 1, 0, 0x15}));
    }
}
