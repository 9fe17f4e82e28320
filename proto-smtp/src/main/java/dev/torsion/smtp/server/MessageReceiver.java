package dev.torsion.smtp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.PushProducer;

/**
 * Receives one message as it streams in: Twisted's {@code IMessage}, with backpressure. The content
 * arrives unstuffed with CR LF line ends, the server's Received line first.
 */
public interface MessageReceiver {
    /**
     * Gives the receiver the session as a producer before any content: call
     * {@link PushProducer#pauseProducing()} when writing falls behind and
     * {@link PushProducer#resumeProducing()} when it caught up; the server stops reading meanwhile.
     */
    default void attach(PushProducer source) {
    }

    /** The next piece of the message. */
    void write(byte[] content);

    /**
     * The message is complete. The Deferred decides the reply to the final dot (or BDAT LAST): success
     * earns {@code 250 2.0.0 Ok: queued as ID}; a failure with {@code SmtpRejection} its reply; any
     * other failure {@code 451 4.3.0}. Only fire it with success once the message is safe: the
     * client forgets a message answered with 250.
     */
    Deferred<Void> end();

    /** The message will not complete (refused, RSET, connection lost): drop what was written. */
    void abort();
}
