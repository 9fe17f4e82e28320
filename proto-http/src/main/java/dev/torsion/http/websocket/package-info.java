/**
 * WebSocket (RFC 6455, permessage-deflate RFC 7692): the {@link dev.torsion.http.websocket.WebSocketProtocol}
 * applications implement, the {@link dev.torsion.http.websocket.WebSocket} they hold, the connection that
 * runs both sides, and every limit in {@link dev.torsion.http.websocket.WebSocketLimits}. The server's
 * resource is in {@code websocket.server}, the client in {@code websocket.client}, the pure codec in
 * {@code websocket.codec}.
 */
package dev.torsion.http.websocket;
