/**
 * The IRC client: {@link dev.torsion.irc.client.IrcClient} (Twisted's {@code IRCClient}: override
 * its callbacks, or use its Deferreds for registration, WHOIS and NAMES), configured by
 * {@link dev.torsion.irc.client.IrcClientConfig}; its lifecycle is
 * {@link dev.torsion.irc.client.IrcClientState}.
 */
package dev.torsion.irc.client;
