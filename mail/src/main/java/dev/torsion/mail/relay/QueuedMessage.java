package dev.torsion.mail.relay;

import java.util.List;

/**
 * One message waiting in the {@link RelayQueue}.
 *
 * @param id its name in the queue
 * @param from the reverse-path ({@code ""} for a bounce)
 * @param recipients the recipients still to deliver to
 * @param queuedMillis when it was queued (epoch milliseconds)
 * @param attempts how many delivery attempts failed so far
 * @param nextAttemptMillis when to try next (epoch milliseconds)
 */
public record QueuedMessage(String id, String from, List<String> recipients, long queuedMillis, int attempts, long nextAttemptMillis) {
    /** Copies the recipients. */
    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }

    /** The same entry after a failed attempt, with fewer recipients left and a later next attempt. */
    public QueuedMessage retry(List<String> left, long next) {
        return new QueuedMessage(id, from, left, queuedMillis, attempts + 1, next);
    }
}
