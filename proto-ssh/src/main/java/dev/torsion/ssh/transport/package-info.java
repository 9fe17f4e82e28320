/** The SSH transport layer (RFC 4253) shared by server and client: KEXINIT, negotiation, key derivation, strict kex, rekeying, the host key. */
package dev.torsion.ssh.transport;
