package dev.torsion.ssh.server;

/**
 * A {@code pty-req} (RFC 4254 section 6.2): the terminal type and size the client asked for.
 *
 * @param term    the TERM value, e.g. {@code xterm-256color}
 * @param columns width in characters
 * @param rows    height in rows
 */
public record PtyRequest(String term, int columns, int rows) {
}
