package dev.torsion.internet;

/**
 * Socket options of a UDP port beyond the arguments of Twisted's {@code listenUDP}, for
 * {@link Reactor#listenUDP(int, DatagramProtocol, String, int, UdpOptions)}. Immutable;
 * {@link #DEFAULT} leaves every option to the kernel.
 *
 * <pre>{@code
 * reactor.listenUDP(5060, protocol, "127.0.0.1", 65535, UdpOptions.DEFAULT.withReceiveBufferSize(4 << 20));
 * }</pre>
 *
 * @param receiveBufferSize the socket's receive buffer to ask for, in bytes ({@code SO_RCVBUF},
 *     Netty's {@code ChannelOption.SO_RCVBUF}); 0 keeps the kernel's default
 *     ({@code net.core.rmem_default}, 208 KiB on current Linux). Datagrams that arrive while the
 *     reactor is busy (a GC pause, a long callback) wait there, and the kernel drops those that do
 *     not fit: a server that must ride out such stalls under load asks for more. Linux caps the
 *     request at {@code net.core.rmem_max} (4 MiB or 208 KiB on common systems) without an error and
 *     reports twice what it granted (half is its bookkeeping); the reactor logs the size the socket
 *     got when it is less than the one asked for.
 */
public record UdpOptions(int receiveBufferSize) {
    /** Every option left to the kernel. */
    public static final UdpOptions DEFAULT = new UdpOptions(0);

    /** Checks the size: 0 (the kernel's default) or a positive number of bytes. */
    public UdpOptions {
        if (receiveBufferSize < 0) {
            throw new IllegalArgumentException("receiveBufferSize must be 0 (the kernel's default) or positive: "
                    + receiveBufferSize);
        }
    }

    /** A copy that asks for a receive buffer of {@code bytes} (0: the kernel's default). */
    public UdpOptions withReceiveBufferSize(int bytes) {
        return new UdpOptions(bytes);
    }
}
