package dev.torsion.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.uring.IoUringTcpInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection's smoothed round-trip time as the kernel keeps it ({@code tcpi_rtt} of
 * {@code TCP_INFO}, in microseconds), on the epoll and io_uring loops, which can ask for it; NIO and
 * kqueue channels cannot (Netty does not expose it there). Reading it is a {@code getsockopt}, so
 * the answer is kept for {@link #REFRESH_NANOS}: a protocol may ask on every flow-control message
 * without a system call each time. Used on the connection's event loop only.
 */
final class KernelRoundTrip {
    private static final Logger log = LoggerFactory.getLogger(KernelRoundTrip.class);
    /**
     * How long an answer is reused. The kernel's figure moves slowly (it is smoothed over many
     * samples), and a tenth of a second is short beside a transfer that a window size matters to.
     */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Channel channel;
    private EpollTcpInfo epollInfo;
    private IoUringTcpInfo uringInfo;
    private Optional<Duration> last = Optional.empty();
    private long readAt;
    private boolean read;

    private KernelRoundTrip(Channel channel) {
        this.channel = channel;
    }

    /** A reader for {@code channel}, or null when its kind of channel cannot report the time. */
    static KernelRoundTrip of(Channel channel) {
        if (channel instanceof EpollSocketChannel || channel instanceof IoUringSocketChannel) {
            return new KernelRoundTrip(channel);
        }
        return null;
    }

    /** The kernel's smoothed round-trip time; empty while it has no sample, or once the channel is closed. */
    Optional<Duration> get() {
        long now = System.nanoTime();
        if (read && now - readAt < REFRESH_NANOS) {
            return last;
        }
        read = true;
        readAt = now;
        last = readKernel();
        return last;
    }

    private Optional<Duration> readKernel() {
        if (!channel.isActive()) {
            return Optional.empty();
        }
        long micros;
        try {
            if (channel instanceof EpollSocketChannel epoll) {
                epollInfo = epoll.tcpInfo(epollInfo == null ? new EpollTcpInfo() : epollInfo);
                micros = epollInfo.rtt();
            } else {
                IoUringSocketChannel uring = (IoUringSocketChannel) channel;
                uringInfo = uring.tcpInfo(uringInfo == null ? new IoUringTcpInfo() : uringInfo);
                micros = uringInfo.rtt();
            }
        } catch (ChannelException e) {
            log.debug("cannot read TCP_INFO of {}: {}", channel, e.getMessage());
            return Optional.empty();
        }
        // Zero: no sample yet (the kernel's estimate starts at the first acknowledged segment).
        return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
    }
}
