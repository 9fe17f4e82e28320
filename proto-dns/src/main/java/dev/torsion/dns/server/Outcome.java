package dev.torsion.dns.server;

import java.util.List;

/**
 * What the server does with one received message: the replies to send (none: the message is
 * dropped), and over TCP whether the connection is closed after them.
 *
 * @param replies encoded reply messages, in order (several for an AXFR)
 * @param close whether a TCP connection should close after the replies
 */
public record Outcome(List<byte[]> replies, boolean close) {
    /** Dropped silently, connection kept. */
    public static final Outcome DROP = new Outcome(List.of(), false);
    /** Dropped, and a TCP connection closed: the stream cannot be trusted. */
    public static final Outcome DROP_AND_CLOSE = new Outcome(List.of(), true);

    /** Copies the list. */
    public Outcome {
        replies = List.copyOf(replies);
    }

    /** One reply. */
    public static Outcome reply(byte[] reply) {
        return new Outcome(List.of(reply), false);
    }
}
