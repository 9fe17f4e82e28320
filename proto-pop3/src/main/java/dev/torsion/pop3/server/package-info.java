/**
 * The POP3 server: {@link dev.torsion.pop3.server.Pop3Server} sessions (one
 * {@link dev.torsion.pop3.server.SessionState} each) over a user's
 * {@link dev.torsion.pop3.server.Pop3Mailbox}, which a cred realm gives at login.
 */
package dev.torsion.pop3.server;
