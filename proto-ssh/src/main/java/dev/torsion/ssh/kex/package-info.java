/** Key exchange methods: curve25519-sha256 (RFC 8731), mlkem768x25519-sha256, sntrup761x25519-sha512, MODP groups 14/16/18 (RFC 8268). */
package dev.torsion.ssh.kex;
