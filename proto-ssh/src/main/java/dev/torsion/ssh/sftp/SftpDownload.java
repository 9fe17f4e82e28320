package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.PushProducer;
import dev.torsion.protocols.ProducerStopped;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One file streamed from the server into a consumer: up to {@code maxInFlight} reads of
 * {@code chunk} bytes ahead (OpenSSH's client does the same), data handed on in file order. A
 * short read is followed by a read of the rest; STATUS EOF marks the end. While the consumer is
 * paused no read is started, so at most {@code maxInFlight} chunks are ever held.
 */
final class SftpDownload implements PushProducer {
    private final SftpClient client;
    private final SftpHandle handle;
    private final Consumer consumer;
    private final int chunk;
    private final int maxInFlight;
    private final Deferred<Long> done = new Deferred<>();
    private final TreeMap<Long, byte[]> arrived = new TreeMap<>();
    private long nextOffset;
    private long delivered;
    private long endOfFile = Long.MAX_VALUE;
    private int inFlight;
    private boolean paused;
    private boolean finished;
    private boolean issuing;
    private boolean issueAgain;

    SftpDownload(SftpClient client, SftpHandle handle, Consumer consumer, int chunk, int maxInFlight) {
        this.client = client;
        this.handle = handle;
        this.consumer = consumer;
        this.chunk = chunk;
        this.maxInFlight = maxInFlight;
    }

    Deferred<Long> start() {
        consumer.registerProducer(this, true);
        issue();
        return done;
    }

    /** Starts reads up to the limit; a loop, since replies may come back inside a read call. */
    private void issue() {
        if (issuing) {
            issueAgain = true;
            return;
        }
        issuing = true;
        try {
            do {
                issueAgain = false;
                while (!finished && !paused && inFlight < maxInFlight && nextOffset < endOfFile) {
                    long offset = nextOffset;
                    nextOffset += chunk;
                    request(offset, chunk);
                }
            } while (issueAgain);
        } finally {
            issuing = false;
        }
        finishIfDone();
    }

    private void request(long offset, int length) {
        inFlight++;
        client.read(handle, offset, length).addBoth((data, failure) -> {
            inFlight--;
            if (failure != null) {
                fail(failure.value());
            } else {
                received(offset, length, data);
            }
            return null;
        });
    }

    private void received(long offset, int length, byte[] data) {
        if (finished) {
            return;
        }
        if (data.length == 0) {
            endOfFile = Math.min(endOfFile, offset);
        } else if (data.length > length || offset + data.length > endOfFile) {
            fail(new IOException("the server sent more than asked, or data past the end of the file"));
            return;
        } else {
            arrived.put(offset, data);
            if (data.length < length) {
                // A short read (section 6.4 allows them): ask for the rest of this range.
                request(offset + data.length, length - data.length);
            }
        }
        deliver();
        issue();
    }

    private void deliver() {
        while (!paused && !finished && !arrived.isEmpty() && arrived.firstKey() == delivered) {
            byte[] data = arrived.pollFirstEntry().getValue();
            delivered += data.length;
            consumer.write(data);
        }
    }

    private void finishIfDone() {
        if (finished || inFlight > 0 || endOfFile == Long.MAX_VALUE || paused) {
            return;
        }
        if (delivered != endOfFile || !arrived.isEmpty()) {
            fail(new IOException("the file changed during the download (end at " + endOfFile + ", "
                    + delivered + " bytes in order)"));
            return;
        }
        finished = true;
        consumer.unregisterProducer();
        client.close(handle).addCallbacks(closed -> {
            done.callback(delivered);
            return null;
        }, failure -> {
            done.errback(failure);
            return null;
        });
    }

    private void fail(Throwable error) {
        if (finished) {
            return;
        }
        finished = true;
        arrived.clear();
        consumer.unregisterProducer();
        client.close(handle).addBoth((closed, ignored) -> null);
        done.errback(error);
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        deliver();
        issue();
    }

    @Override
    public void stopProducing() {
        fail(new ProducerStopped("the consumer stopped the download after " + delivered + " bytes"));
    }

    /** The chunks held, waiting for order or for the consumer (for tests). */
    Map<Long, byte[]> held() {
        return arrived;
    }
}
