/**
 * The WebSocket server: {@link dev.torsion.http.websocket.server.WebSocketResource} upgrades a
 * request of the resource tree, after {@link dev.torsion.http.websocket.server.ServerHandshake}
 * (pure) has read its opening handshake.
 */
package dev.torsion.http.websocket.server;
