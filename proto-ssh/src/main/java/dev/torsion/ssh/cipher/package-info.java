/** Packet protection: chacha20-poly1305@openssh.com, AES-GCM (RFC 5647), AES-CTR (RFC 4344) with HMAC-SHA2 (RFC 6668) encrypt-then-MAC or encrypt-and-MAC. */
package dev.torsion.ssh.cipher;
