package dev.torsion.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueChannelOption;
import io.netty.channel.kqueue.KQueueDatagramChannel;
import io.netty.channel.kqueue.KQueueDomainDatagramChannel;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The event-loop implementations Torsion can run on, and for each the Netty channel classes that
 * belong to it. Channels must match their loop: an epoll loop only drives epoll channels.
 */
enum EventLoopKind {
    /** Linux epoll (native). */
    EPOLL("epoll"),
    /** Linux io_uring (native, kernel 5.14+). */
    IO_URING("io_uring"),
    /** BSD and macOS kqueue (native). */
    KQUEUE("kqueue"),
    /** The JDK's selectors: runs everywhere. */
    NIO("nio");

    private final String label;

    EventLoopKind(String label) {
        this.label = label;
    }

    /** The name used in {@link NettyReactor#create(String)} and reported by {@code kind()}. */
    String label() {
        return label;
    }

    /** Finds a kind by name ({@code epoll}, {@code kqueue}, {@code io_uring}/{@code iouring}, {@code nio}). */
    static EventLoopKind named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("-", "_");
        if (wanted.equals("iouring")) {
            wanted = "io_uring";
        }
        for (EventLoopKind kind : values()) {
            if (kind.label.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown event loop kind '" + name + "' (epoll, kqueue, io_uring, nio)");
    }

    /** The best kind for this machine: epoll on Linux, kqueue on BSD and macOS, NIO otherwise. */
    static EventLoopKind best() {
        return best(kind -> kind.unavailabilityCause() == null);
    }

    /**
     * The choice itself, given what can run: kept apart from the probing so that it can be tested
     * for machines this one is not (macOS, ARM). io_uring is never chosen unasked: it is newer, and
     * some kernels and container runtimes turn it off.
     */
    static EventLoopKind best(Predicate<EventLoopKind> available) {
        if (available.test(EPOLL)) {
            return EPOLL;
        }
        if (available.test(KQUEUE)) {
            return KQUEUE;
        }
        return NIO;
    }

    /** Why this kind cannot run here, or null when it can. */
    Throwable unavailabilityCause() {
        try {
            return switch (this) {
                case EPOLL -> Epoll.unavailabilityCause();
                case IO_URING -> IoUring.unavailabilityCause();
                case KQUEUE -> KQueue.unavailabilityCause();
                case NIO -> null;
            };
        } catch (LinkageError e) {
            return e;
        }
    }

    /** Whether this kind uses native code (and so offers SO_REUSEPORT, peer credentials, ...). */
    boolean isNative() {
        return this != NIO;
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            // Netty's epoll handler, made to add a socket to epoll again once its interest emptied.
            case EPOLL -> RearmingEpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case KQUEUE -> KQueueIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverSocketChannel() {
        return switch (this) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            case KQUEUE -> KQueueServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    Class<? extends SocketChannel> socketChannel() {
        return switch (this) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            case KQUEUE -> KQueueSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return switch (this) {
            case EPOLL -> EpollDatagramChannel.class;
            case IO_URING -> IoUringDatagramChannel.class;
            case KQUEUE -> KQueueDatagramChannel.class;
            case NIO -> NioDatagramChannel.class;
        };
    }

    Class<? extends ServerChannel> serverDomainSocketChannel() {
        return switch (this) {
            case EPOLL -> EpollServerDomainSocketChannel.class;
            case IO_URING -> IoUringServerDomainSocketChannel.class;
            case KQUEUE -> KQueueServerDomainSocketChannel.class;
            case NIO -> NioServerDomainSocketChannel.class;
        };
    }

    Class<? extends Channel> domainSocketChannel() {
        return switch (this) {
            case EPOLL -> EpollDomainSocketChannel.class;
            case IO_URING -> IoUringDomainSocketChannel.class;
            case KQUEUE -> KQueueDomainSocketChannel.class;
            case NIO -> NioDomainSocketChannel.class;
        };
    }

    /** The UNIX datagram channel, or null where this kind has none. */
    Supplier<Channel> domainDatagramChannel() {
        return switch (this) {
            case EPOLL -> EpollDomainDatagramChannel::new;
            case KQUEUE -> KQueueDomainDatagramChannel::new;
            case IO_URING, NIO -> null;
        };
    }

    /** The SO_REUSEPORT option of this kind, or null where it has none. */
    ChannelOption<Boolean> reusePortOption() {
        return switch (this) {
            case EPOLL -> EpollChannelOption.SO_REUSEPORT;
            case IO_URING -> IoUringChannelOption.SO_REUSEPORT;
            case KQUEUE -> KQueueChannelOption.SO_REUSEPORT;
            case NIO -> null;
        };
    }
}
