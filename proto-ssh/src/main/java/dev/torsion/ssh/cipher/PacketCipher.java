package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;

/**
 * One direction's packet protection (RFC 4253 section 6.3 and 6.4 and the OpenSSH modes): it
 * seals whole plaintext packets ({@code uint32 packet_length, byte padding_length, payload,
 * padding}) into wire bytes, and opens them again in two steps, since the receiver must learn the
 * length before it knows how much to read.
 *
 * <p>Implementations keep their running state (CTR counter, GCM invocation counter), so one
 * instance serves one direction of one connection, packets in order.
 */
public interface PacketCipher {
    /** The block size the padded packet aligns to (at least 8, RFC 4253 section 6). */
    int blockSize();

    /** Bytes the receiver reads before it can tell the packet length. */
    int lengthFieldBytes();

    /** Whether the four length bytes count in the block alignment (not in EtM and AEAD modes). */
    boolean lengthIsAligned();

    /** Bytes of MAC or authentication tag after each packet. */
    int macLength();

    /**
     * Reads the packet length from the first {@link #lengthFieldBytes()} bytes of a packet with
     * sequence number {@code sequence}. May keep state for {@link #open}.
     */
    long packetLength(long sequence, byte[] first) throws SshProtocolException;

    /**
     * Checks and decrypts a whole packet: {@code wire} holds the 4 length bytes (as received),
     * {@code packet_length} bytes and the MAC. Returns the plaintext from padding_length on.
     * A failed check is SSH_DISCONNECT_MAC_ERROR.
     */
    byte[] open(long sequence, byte[] wire) throws SshProtocolException;

    /**
     * Checks and decrypts the whole packet at {@code buffer[offset, offset + wireLength)} where it
     * lies (as {@link #open}: length bytes, packet, MAC); the plaintext from padding_length on,
     * {@code packet_length} bytes, is then at the offset returned. The receiver's path: no array
     * per packet. The default opens a copy and copies the plaintext back; the AEAD modes decrypt
     * in place.
     */
    default int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException {
        byte[] plain = open(sequence, Arrays.copyOfRange(buffer, offset, offset + wireLength));
        System.arraycopy(plain, 0, buffer, offset + 4, plain.length);
        return offset + 4;
    }

    /** Seals the plaintext packet (length field included) with sequence number {@code sequence}. */
    byte[] seal(long sequence, byte[] packet);

    /**
     * Seals the plaintext packet in {@code buffer[0, packetBytes)} where it lies, the MAC or tag
     * written after it: {@code buffer} holds {@code packetBytes + macLength()} bytes. The sender's
     * path: one array per packet, no copy. The default seals a copy and copies the wire bytes back;
     * the AEAD modes encrypt in place.
     */
    default void sealInPlace(long sequence, byte[] buffer, int packetBytes) {
        byte[] wire = seal(sequence, Arrays.copyOf(buffer, packetBytes));
        System.arraycopy(wire, 0, buffer, 0, wire.length);
    }
}
