package dev.torsion.ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.Random;

/**
 * The cross test of a packet cipher's libcrypto and JDK implementations: random packets (up to
 * 256 KiB, beyond the native buffer's first size) sealed by one give the other's wire bytes and
 * open with the other, both ways, at an offset in a larger buffer as the decoder holds them.
 */
final class CrossSealing {
    private static final int TAG = 16;

    private CrossSealing() {
    }

    /** 300 packets from {@code firstSequence} on, the senders' and receivers' keys the same. */
    static void assertEachOpensWhatTheOtherSeals(Random random, long firstSequence, PacketCipher nativeSender,
            PacketCipher jdkSender, PacketCipher nativeReceiver, PacketCipher jdkReceiver) throws SshProtocolException {
        long sequence = firstSequence;
        for (int i = 0; i < 300; i++, sequence++) {
            int packetBytes = i == 7 ? 4 + 256 * 1024 : 5 + random.nextInt(i % 3 == 0 ? 70_000 : 2_000);
            byte[] packet = new byte[packetBytes];
            random.nextBytes(packet);
            Bytes.putUint32(packet, 0, packetBytes - 4);
            byte[] fromNative = Arrays.copyOf(packet, packetBytes + TAG);
            nativeSender.sealInPlace(sequence, fromNative, packetBytes);
            byte[] fromJdk = Arrays.copyOf(packet, packetBytes + TAG);
            jdkSender.sealInPlace(sequence, fromJdk, packetBytes);
            assertArrayEquals(fromJdk, fromNative, "packet " + i);
            assertOpens(jdkReceiver, sequence, fromNative, packet);
            assertOpens(nativeReceiver, sequence, fromJdk, packet);
        }
    }

    private static void assertOpens(PacketCipher receiver, long sequence, byte[] wire, byte[] packet)
            throws SshProtocolException {
        assertEquals(Bytes.uint32(packet, 0), receiver.packetLength(sequence, wire));
        byte[] buffer = new byte[wire.length + 33];
        System.arraycopy(wire, 0, buffer, 17, wire.length);
        int plain = receiver.openInPlace(sequence, buffer, 17, wire.length);
        assertEquals(21, plain);
        assertArrayEquals(Arrays.copyOfRange(packet, 4, packet.length),
                Arrays.copyOfRange(buffer, plain, plain + packet.length - 4), "packet " + sequence);
    }
}
