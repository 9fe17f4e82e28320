package dev.torsion.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

/**
 * The output water marks of a connection the core relay writes to directly. A relay writes each
 * buffer the other connection read, up to 64 KiB, in one piece: under Netty's default 64/32 KiB
 * marks (those of outgoing connections) every such write crossed the high mark, so the relay paused
 * and resumed the reading side around each read, two {@code epoll_ctl} calls per 64 KiB (40% of a
 * bulk transfer's system calls). Above 256 KiB of unwritten output the reading side still pauses,
 * so a peer that stops reading holds at most that much (plus one read) in the relay.
 */
final class RelayWaterMark {
    /** The marks of accepted connections, where a relay's client side lives already. */
    static final WriteBufferWaterMark MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    private RelayWaterMark() {
    }

    /** Raises {@code channel}'s marks to the relay's, unless they are set higher already. */
    static void applyTo(Channel channel) {
        WriteBufferWaterMark current = channel.config().getWriteBufferWaterMark();
        if (current.high() < MARK.high()) {
            channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, MARK);
        }
    }
}
