package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.PushProducer;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's output as a streaming producer registered with its transport: when the peer does
 * not read and the transport's buffer passes its high-water mark, the transport pauses the gate,
 * and long outputs (FETCH of many messages) wait at {@link #whenWritable()} until it resumes, so a
 * slow reader never makes the server hold a whole mailbox in memory.
 */
final class OutputGate implements PushProducer {
    private boolean paused;
    private List<Deferred<Void>> waiting = new ArrayList<>();

    /** Fires now when output may go on, else when the transport resumes the gate. */
    Deferred<Void> whenWritable() {
        if (!paused) {
            return Deferred.succeed(null);
        }
        Deferred<Void> waiter = new Deferred<>();
        waiting.add(waiter);
        return waiter;
    }

    boolean paused() {
        return paused;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        List<Deferred<Void>> ready = waiting;
        waiting = new ArrayList<>();
        for (Deferred<Void> waiter : ready) {
            waiter.callback(null);
        }
    }

    @Override
    public void stopProducing() {
        // The connection is gone: waiters never fire, and the session is torn down by connectionLost.
        paused = true;
        waiting = new ArrayList<>();
    }
}
