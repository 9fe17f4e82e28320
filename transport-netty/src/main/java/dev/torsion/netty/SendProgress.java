package dev.torsion.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * What the socket has taken of a channel's output at one moment, to tell a peer that takes nothing
 * (the send deadline cuts it) from one that reads slowly but steadily (never cut). Progress is a
 * new message at the head of the outbound buffer, more of the head message written (a partial
 * write of a large buffer or file region), or fewer bytes pending; new writes by the protocol,
 * which only add pending bytes, are not progress.
 *
 * @param head identity of the message being written, or null
 * @param headProgress bytes of it already written
 * @param pending bytes pending in the outbound buffer
 * @param since when this progress was first seen ({@link System#nanoTime()})
 */
record SendProgress(Object head, long headProgress, long pending, long since) {
    static SendProgress of(Channel channel, long now) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out == null) {
            return new SendProgress(null, 0, 0, now);
        }
        return new SendProgress(out.current(), out.currentProgress(), out.totalPendingWriteBytes(), now);
    }

    /** Whether the socket took something between {@code earlier} and this. */
    boolean advancedFrom(SendProgress earlier) {
        return head != earlier.head || headProgress != earlier.headProgress || pending < earlier.pending;
    }

    /** The same progress, remembering a new pending count (so that only a later drop counts). */
    SendProgress withPending(long newPending) {
        return new SendProgress(head, headProgress, newPending, since);
    }
}
