package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.MulticastTransport;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.UdpOptions;
import dev.torsion.internet.error.CannotListenError;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datagram socket (UDP, or UNIX datagram) bound for one {@link DatagramProtocol}: the Netty
 * handler and the transport the protocol writes to. Writes are coalesced per loop turn, as for
 * streams: several datagrams written in one callback leave with one flush.
 */
final class DatagramPort extends ChannelInboundHandlerAdapter implements ListeningPort, MulticastTransport, Runnable {
    private static final Logger log = LoggerFactory.getLogger(DatagramPort.class);
    private static final int MESSAGES_PER_READ = 16;

    private final NettyReactor reactor;
    private final DatagramProtocol protocol;
    private final int maxPacketSize;
    private final boolean unix;
    private Channel channel;
    private Address host;
    private boolean flushPending;
    private Deferred<Void> stopped;
    private Runnable afterClose;

    DatagramPort(NettyReactor reactor, DatagramProtocol protocol, int maxPacketSize, boolean unix) {
        if (maxPacketSize < 1 || maxPacketSize > 65536) {
            throw new IllegalArgumentException("maxPacketSize must be 1..65536: " + maxPacketSize);
        }
        this.reactor = reactor;
        this.protocol = protocol;
        this.maxPacketSize = maxPacketSize;
        this.unix = unix;
    }

    /**
     * Binds a UDP socket on {@code port} of {@code interfaceAddress}. Empty means every IPv4
     * interface, as in Twisted; an IPv6 address (or {@code ::}) makes an IPv6 socket. The socket's
     * family matches its address, so that multicast options apply to the right protocol.
     * {@code options} are set before the bind.
     */
    DatagramPort bindUdp(int port, String interfaceAddress, UdpOptions options) {
        String iface = interfaceAddress == null || interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress;
        InetSocketAddress address = new InetSocketAddress(iface, port);
        SocketProtocolFamily family = address.getAddress() instanceof Inet6Address
                ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        Class<? extends DatagramChannel> type = reactor.loopKind().datagramChannel();
        return bind(() -> newDatagramChannel(type, family), address,
                "UDP port " + port + " on '" + interfaceAddress + "'", options.receiveBufferSize());
    }

    private static DatagramChannel newDatagramChannel(Class<? extends DatagramChannel> type, SocketProtocolFamily family) {
        try {
            return type.getConstructor(SocketProtocolFamily.class).newInstance(family);
        } catch (NoSuchMethodException e) {
            return NettyReactor.newChannel(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /** Binds a UNIX datagram socket at {@code address}; {@code afterClose} runs once it is closed. */
    DatagramPort bindUnix(Supplier<Channel> channels, SocketAddress address, String what, Runnable cleanup) {
        this.afterClose = cleanup;
        return bind(channels, address, what, 0);
    }

    /** Binds the socket, asking for a receive buffer of {@code receiveBufferSize} bytes (0: the kernel's default). */
    private DatagramPort bind(Supplier<Channel> channels, SocketAddress address, String what, int receiveBufferSize) {
        Bootstrap bootstrap = reactor.clientBootstrap();
        if (receiveBufferSize > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferSize);
        }
        bootstrap
                .channelFactory(channels::get)
                // Up to 16 datagrams per loop turn, as Netty's own datagram default: one per turn let a
                // burst (SIP answers after a stall, a DNS storm) wait behind timers and other channels.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPacketSize).maxMessagesPerRead(MESSAGES_PER_READ))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("torsion", DatagramPort.this);
                    }
                });
        ChannelFuture registered = bootstrap.register();
        reactor.await(registered);
        if (!registered.isSuccess()) {
            throw new CannotListenError("cannot bind " + what + ": "
                    + registered.cause().getMessage(), registered.cause());
        }
        channel = registered.channel();
        ChannelFuture bound = channel.bind(address);
        reactor.await(bound);
        if (!bound.isSuccess()) {
            channel.close();
            throw new CannotListenError("cannot bind " + what + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        host = Addresses.of(channel.localAddress(), SocketType.UDP);
        if (receiveBufferSize > 0) {
            reportReceiveBuffer(receiveBufferSize);
        }
        reactor.trackPort(this);
        reactor.onLoop(() -> {
            try {
                protocol.makeConnection(this);
            } catch (RuntimeException e) {
                log.error("Datagram protocol {} raised in startProtocol on {}", protocol, host, e);
            }
        });
        return this;
    }

    /**
     * Logs the receive buffer the kernel granted when it is less than the one asked for: Linux caps
     * SO_RCVBUF at net.core.rmem_max without an error (SO_RCVBUFFORCE, which would not, needs
     * CAP_NET_ADMIN), so that a server sized for bursts would otherwise drop them unawares.
     */
    private void reportReceiveBuffer(int receiveBufferSize) {
        int granted = grantedReceiveBuffer();
        if (granted < receiveBufferSize) {
            log.info("UDP socket {}: asked for a receive buffer of {} bytes, the kernel granted {}"
                    + " (Linux caps it at net.core.rmem_max: sysctl -w net.core.rmem_max={} to grant it)",
                    host, receiveBufferSize, granted, receiveBufferSize);
        } else {
            log.debug("UDP socket {}: receive buffer of {} bytes", host, granted);
        }
    }

    /**
     * The receive buffer the kernel granted, comparable with the size asked for. Linux's getsockopt
     * reports twice the granted size (socket(7): the other half is its bookkeeping); the JDK halves
     * it again for NIO's sockets, Netty's native transports pass it on as it is.
     */
    int grantedReceiveBuffer() {
        int reported = reportedReceiveBuffer();
        boolean doubled = PlatformDependent.normalizedOs().equals("linux") && reactor.loopKind().isNative();
        return doubled ? reported / 2 : reported;
    }

    /** The socket's SO_RCVBUF as the channel reports it (on Linux's native transports, twice what was granted). */
    int reportedReceiveBuffer() {
        return channel.config().getOption(ChannelOption.SO_RCVBUF);
    }

    // ------------------------------------------------------------------ Netty side

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AddressedEnvelope<?, ?> envelope) || !(envelope.content() instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] data;
        SocketAddress sender;
        try {
            data = new byte[buf.readableBytes()];
            buf.readBytes(data);
            sender = envelope.sender();
        } finally {
            ReferenceCountUtil.release(msg);
        }
        try {
            protocol.datagramReceived(data, Addresses.of(sender, SocketType.UDP));
        } catch (RuntimeException e) {
            // As Twisted: a datagram protocol's error is logged and the socket keeps serving.
            log.error("Datagram protocol {} raised in datagramReceived on {}", protocol, host, e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            try {
                protocol.connectionRefused();
            } catch (RuntimeException e) {
                log.error("Datagram protocol {} raised in connectionRefused", protocol, e);
            }
            return;
        }
        log.warn("Datagram socket {} error: {}", host, cause.toString());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reactor.untrack(this);
        cleanUp();
        try {
            protocol.stopProtocol();
        } catch (RuntimeException e) {
            log.error("Datagram protocol {} raised in stopProtocol", protocol, e);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(byte[] datagram, Address to) {
        if (datagram.length > 65507 && !unix) {
            throw new IllegalArgumentException("a UDP datagram holds at most 65507 bytes, not " + datagram.length);
        }
        SocketAddress recipient = socketAddress(to);
        ByteBuf content = Unpooled.wrappedBuffer(datagram);
        Object packet = unix ? new DomainDatagramPacket(content, (DomainSocketAddress) recipient)
                : new DatagramPacket(content, (InetSocketAddress) recipient);
        send(packet);
    }

    @Override
    public void write(byte[] datagram) {
        if (channel.remoteAddress() == null) {
            throw new IllegalStateException("write(byte[]) needs a connected socket: call connect first");
        }
        send(Unpooled.wrappedBuffer(datagram));
    }

    private void send(Object packet) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(packet));
            return;
        }
        if (!channel.isOpen()) {
            ReferenceCountUtil.release(packet);
            return;
        }
        channel.write(packet, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            channel.eventLoop().execute(this);
        }
    }

    /** The flush task. */
    @Override
    public void run() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    private SocketAddress socketAddress(Address to) {
        if (to instanceof IPAddress ip) {
            return new InetSocketAddress(literal(ip.host()), ip.port());
        }
        if (to instanceof UNIXAddress unixAddress && unixAddress.name() != null) {
            return new DomainSocketAddress(unixAddress.name());
        }
        throw new IllegalArgumentException("cannot send a datagram to " + to);
    }

    private static InetAddress literal(String host) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        if (address == null) {
            // Datagram writes never block on name lookups: Twisted also requires an IP address here.
            throw new IllegalArgumentException("datagram destinations must be IP addresses, not '" + host + "'");
        }
        return address;
    }

    @Override
    public void connect(String peerHost, int port) {
        SocketAddress peer = unix ? new DomainSocketAddress(peerHost) : new InetSocketAddress(literal(peerHost), port);
        ChannelFuture connected = channel.connect(peer);
        reactor.await(connected);
        if (!connected.isSuccess()) {
            throw new IllegalStateException("cannot connect the datagram socket to " + peer + ": "
                    + connected.cause().getMessage(), connected.cause());
        }
    }

    // ------------------------------------------------------------------ multicast

    private DatagramChannel udp() {
        if (!(channel instanceof DatagramChannel udp)) {
            throw new IllegalStateException("multicast needs a UDP socket");
        }
        return udp;
    }

    @Override
    public Deferred<Void> joinGroup(String group, String interfaceAddress) {
        return membership(group, interfaceAddress, true);
    }

    @Override
    public Deferred<Void> leaveGroup(String group, String interfaceAddress) {
        return membership(group, interfaceAddress, false);
    }

    private Deferred<Void> membership(String group, String interfaceAddress, boolean join) {
        Deferred<Void> result = new Deferred<>();
        try {
            InetAddress groupAddress = literal(group);
            NetworkInterface nif = multicastInterface(interfaceAddress);
            InetSocketAddress groupSocket = new InetSocketAddress(groupAddress, 0);
            ChannelFuture future = join ? udp().joinGroup(groupSocket, nif) : udp().leaveGroup(groupSocket, nif);
            future.addListener(f -> reactor.onLoop(() -> {
                if (f.isSuccess()) {
                    result.callback(null);
                } else {
                    result.errback(f.cause());
                }
            }));
        } catch (RuntimeException | SocketException | UnknownHostException e) {
            result.errback(e);
        }
        return result;
    }

    /** The interface with {@code interfaceAddress}, or (empty) the first multicast-capable interface that is up. */
    private static NetworkInterface multicastInterface(String interfaceAddress)
            throws SocketException, UnknownHostException {
        if (interfaceAddress != null && !interfaceAddress.isEmpty()) {
            NetworkInterface nif = NetworkInterface.getByInetAddress(InetAddress.getByName(interfaceAddress));
            if (nif == null) {
                throw new IllegalArgumentException("no network interface has address " + interfaceAddress);
            }
            return nif;
        }
        NetworkInterface loopback = null;
        Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
        while (all.hasMoreElements()) {
            NetworkInterface nif = all.nextElement();
            if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback()) {
                return nif;
            }
            if (nif.isLoopback()) {
                loopback = nif;
            }
        }
        if (loopback == null) {
            throw new IllegalStateException("no network interface for multicast");
        }
        return loopback;
    }

    @Override
    public void setTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0..255: " + ttl);
        }
        udp().config().setTimeToLive(ttl);
    }

    @Override
    public void setLoopbackMode(boolean loopback) {
        udp().config().setLoopbackModeDisabled(!loopback);
    }

    /** Sends outgoing multicast through the interface with {@code interfaceAddress}. */
    void setOutgoingInterface(String interfaceAddress) throws SocketException, UnknownHostException {
        udp().config().setNetworkInterface(multicastInterface(interfaceAddress));
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public Deferred<Void> stopListening() {
        Deferred<Void> result = new Deferred<>();
        reactor.onLoop(() -> {
            if (stopped == null) {
                stopped = new Deferred<>();
                channel.close().addListener(f -> {
                    cleanUp();
                    stopped.callback(null);
                });
            }
            stopped.addBoth((v, f) -> {
                result.callback(null);
                return v;
            });
        });
        return result;
    }

    /** Removes what the socket left in the file system, once. */
    private void cleanUp() {
        Runnable cleanup = afterClose;
        afterClose = null;
        if (cleanup != null) {
            cleanup.run();
        }
    }

    @Override
    public String toString() {
        return "DatagramPort(" + host + ")";
    }
}
