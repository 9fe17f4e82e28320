/**
 * The IRC server: {@link dev.torsion.irc.server.IrcServerFactory} makes one
 * {@link dev.torsion.irc.server.IrcServer} per connection (its lifecycle one
 * {@link dev.torsion.irc.server.IrcSessionState}), configured by
 * {@link dev.torsion.irc.server.IrcServerConfig}; SASL logins go through a cred portal whose realm
 * gives an {@link dev.torsion.irc.server.IrcAccount}.
 */
package dev.torsion.irc.server;
