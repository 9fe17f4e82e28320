package dev.torsion.netty;

import dev.torsion.internet.Transport;

/**
 * A transport that can say who its peer is: UNIX stream connections on the native loops (epoll and
 * io_uring use Linux's SO_PEERCRED, kqueue LOCAL_PEERCRED), for servers that authorize local
 * clients by user.
 */
public interface PeerCredentialsTransport extends Transport {
    /**
     * The peer's credentials, or null where the connection has none to give (TCP, or a loop that
     * cannot ask the kernel).
     */
    UnixCredentials peerCredentials();
}
