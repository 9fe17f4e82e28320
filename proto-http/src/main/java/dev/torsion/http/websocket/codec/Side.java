package dev.torsion.http.websocket.codec;

/** Which end of a connection the codec works for: the masking rules differ (RFC 6455 section 5.1). */
public enum Side {
    /** The server: every frame received must be masked, none sent is. */
    SERVER,
    /** The client: no frame received may be masked, every frame sent is. */
    CLIENT
}
