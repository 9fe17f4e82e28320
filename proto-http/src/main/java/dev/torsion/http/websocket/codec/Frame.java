package dev.torsion.http.websocket.codec;

/**
 * One WebSocket frame as decoded (RFC 6455 section 5.2), its payload already unmasked.
 *
 * @param fin whether this is the last frame of its message
 * @param rsv1 the RSV1 bit: "compressed" under permessage-deflate (RFC 7692 section 6)
 * @param opcode the opcode
 * @param payload the unmasked payload
 */
public record Frame(boolean fin, boolean rsv1, Opcode opcode, byte[] payload) {
}
