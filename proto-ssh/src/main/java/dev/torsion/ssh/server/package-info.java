/** The SSH server: user authentication through cred (RFC 4252) and session channels with exec (RFC 4254). */
package dev.torsion.ssh.server;
