/**
 * SSH public keys: the wire format (RFC 4251), key blobs and signatures for Ed25519, ECDSA and RSA
 * with the JDK, and the {@code authorized_keys} file format with its options.
 */
package dev.torsion.cred.ssh;
