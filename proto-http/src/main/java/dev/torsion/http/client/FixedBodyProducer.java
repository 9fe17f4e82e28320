package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import java.util.List;

/** A body held in memory, written one piece per turn while not paused. */
final class FixedBodyProducer implements BodyProducer {
    private final List<byte[]> pieces;
    private final long length;
    private Consumer consumer;
    private Deferred<Void> done;
    private int next;
    private boolean paused;
    private boolean writing;

    FixedBodyProducer(List<byte[]> pieces, long length) {
        this.pieces = pieces;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Deferred<Void> startProducing(Consumer target) {
        consumer = target;
        done = new Deferred<>();
        next = 0;
        paused = false;
        resumeProducing();
        return done;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        if (writing || done == null || done.isCalled()) {
            return;
        }
        writing = true;
        try {
            while (!paused && next < pieces.size()) {
                consumer.write(pieces.get(next++));
            }
        } finally {
            writing = false;
        }
        if (next == pieces.size() && !done.isCalled()) {
            done.callback(null);
        }
    }

    @Override
    public void stopProducing() {
        next = pieces.size();
    }
}
