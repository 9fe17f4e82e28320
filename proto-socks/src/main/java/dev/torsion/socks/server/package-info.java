/**
 * The SOCKS proxy server: {@link dev.torsion.socks.server.SocksServerFactory} builds a
 * {@link dev.torsion.socks.server.SocksServerProtocol} per connection, which negotiates SOCKS4,
 * SOCKS4a or SOCKS5 on the same port, logs users in through a cred {@code Portal}, applies
 * {@link dev.torsion.socks.server.SocksAccessRules}, relays CONNECTs and BINDs through the core
 * relay, and holds a {@link dev.torsion.socks.server.UdpAssociation} for each UDP ASSOCIATE.
 */
package dev.torsion.socks.server;
