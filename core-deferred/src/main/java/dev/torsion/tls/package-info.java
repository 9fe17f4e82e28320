/**
 * TLS as a protocol stacked on any transport, with the JDK's {@link javax.net.ssl.SSLEngine}:
 * {@link dev.torsion.tls.TlsProtocol}, its {@link dev.torsion.tls.TlsOptions}, and the errors of a
 * handshake or a session, as Twisted's {@code twisted.protocols.tls}. It serves STARTTLS and the memory
 * transports; transport-netty has its own TLS path for sockets.
 */
package dev.torsion.tls;
