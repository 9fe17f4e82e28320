/**
 * TLS material for {@link dev.torsion.tls.TlsOptions}: PEM keys and certificate chains read with
 * BouncyCastle ({@link dev.torsion.netty.tls.PemFiles}), JDK contexts built from them
 * ({@link dev.torsion.netty.tls.TlsContexts}), and self-signed certificates for tests and quick
 * starts ({@link dev.torsion.netty.tls.SelfSignedCertificate}).
 */
package dev.torsion.netty.tls;
