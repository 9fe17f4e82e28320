/**
 * The pure IRC codec: {@link dev.torsion.irc.codec.IrcLineFramer} cuts the stream into lines,
 * {@link dev.torsion.irc.codec.IrcMessageParser} reads IRCv3-tagged messages,
 * {@link dev.torsion.irc.codec.IrcMessageWriter} writes them, {@link dev.torsion.irc.codec.CaseMapping}
 * folds names. No I/O.
 */
package dev.torsion.irc.codec;
