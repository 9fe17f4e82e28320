/**
 * The pure WebSocket codec (RFC 6455, permessage-deflate RFC 7692): frames decoded and encoded,
 * messages assembled, decompressed within limits and validated, extension negotiation; no I/O.
 * Every refusal is a {@link dev.torsion.http.websocket.codec.WebSocketException} carrying the close
 * code it earns, the RFC section cited where it is decided.
 */
package dev.torsion.http.websocket.codec;
