/**
 * SOCKS client endpoints: {@link dev.torsion.socks.client.SocksClientEndpoint} over any proxy
 * endpoint, the {@code socks5:} and {@code socks4a:} endpoint strings, and the pure client
 * handshake {@link dev.torsion.socks.client.SocksClientHandshake}.
 */
package dev.torsion.socks.client;
