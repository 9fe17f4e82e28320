package dev.torsion.ssh.codec;

/** Where the {@link PacketDecoder} stands (RFC 4253 section 6). */
public enum PacketState {
    /** Waiting for the bytes that tell the packet length. */
    READ_LENGTH,
    /** The length is known: waiting for the rest of the packet and its MAC. */
    READ_PACKET,
    /** A bad packet was seen: the connection must end; the decoder takes nothing more. */
    FAILED
}
