/**
 * Torsion's reactor on Netty: {@link dev.torsion.netty.NettyReactor}, one event-loop thread (epoll,
 * kqueue, io_uring or NIO) behind the core {@link dev.torsion.internet.Reactor} interface.
 *
 * <p>How the pieces fit:
 * <ul>
 *   <li>{@code StreamConnection} is the last handler of every stream channel (TCP and UNIX, clear or
 *       TLS) and the transport its protocol sees: it turns {@code ByteBuf}s into {@code byte[]},
 *       coalesces writes into one flush per loop turn, and maps Netty's writability and auto-read
 *       onto Twisted's producer/consumer flow control.</li>
 *   <li>{@code NettyConnector} and {@code NettyListeningPort} are Twisted's connector and port;
 *       {@code DatagramPort} serves UDP and UNIX datagram sockets; {@code UnixSockets} adds
 *       {@code wantPID} lock files and the abstract namespace.</li>
 *   <li>Optional transport interfaces: {@link dev.torsion.netty.FileSendingTransport} (sendfile),
 *       {@link dev.torsion.netty.TlsConnectionInfo} (ALPN, peer certificates),
 *       {@link dev.torsion.netty.PeerCredentialsTransport} (SO_PEERCRED).</li>
 * </ul>
 * Sub-packages: {@code tls} (PEM files, contexts, self-signed certificates), {@code endpoints}
 * ({@code ssl:}/{@code tls:} and {@code systemd:} endpoint strings), {@code process}, {@code stdio}
 * and {@code serial}.
 */
package dev.torsion.netty;
