/**
 * IRC for Torsion: the limits every server session enforces ({@link dev.torsion.irc.IrcLimits});
 * the pure message codec lives in {@code codec}, the server in {@code server}, the client in
 * {@code client}.
 */
package dev.torsion.irc;
