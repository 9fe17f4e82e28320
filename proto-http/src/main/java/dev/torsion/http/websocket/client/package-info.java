/**
 * The WebSocket client: {@link dev.torsion.http.websocket.client.WebSocketClient} connects through the
 * Agent's connection machinery and runs the opening handshake before handing the connection to a
 * {@link dev.torsion.http.websocket.WebSocketProtocol}.
 */
package dev.torsion.http.websocket.client;
