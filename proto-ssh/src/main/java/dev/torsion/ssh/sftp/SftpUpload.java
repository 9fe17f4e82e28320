package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import java.util.function.Function;

/**
 * One file streamed to the server from a producer: what the producer writes is cut into writes
 * of {@code chunk} bytes at increasing offsets, up to {@code maxInFlight} unanswered at once; a
 * push producer is paused at that limit and resumed as answers come, a pull producer is asked for
 * more only below it. So at most {@code maxInFlight} chunks (and one producer write) are held.
 */
final class SftpUpload implements Consumer {
    private final SftpClient client;
    private final SftpHandle handle;
    private final int chunk;
    private final int maxInFlight;
    private final Deferred<Long> done = new Deferred<>();
    private byte[] buffer;
    private int buffered;
    private long offset;
    private long written;
    private int inFlight;
    private Producer producer;
    private boolean streaming;
    private boolean producerPaused;
    private boolean pulling;
    private boolean producerDone;
    private boolean finished;

    SftpUpload(SftpClient client, SftpHandle handle, int chunk, int maxInFlight) {
        this.client = client;
        this.handle = handle;
        this.chunk = chunk;
        this.maxInFlight = maxInFlight;
        this.buffer = new byte[chunk];
    }

    /** Lets {@code producing} start its producer on this consumer; fires once all is written and closed. */
    Deferred<Long> run(Function<Consumer, Deferred<?>> producing) {
        Deferred<?> source;
        try {
            source = producing.apply(this);
        } catch (RuntimeException e) {
            fail(e);
            return done;
        }
        source.addBoth((value, failure) -> {
            if (failure != null) {
                fail(failure.value());
            } else {
                producerDone();
            }
            return null;
        });
        return done;
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered");
        }
        this.producer = producer;
        this.streaming = streaming;
        this.producerPaused = false;
        if (!streaming) {
            pull();
        } else {
            throttle();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    @Override
    public void write(byte[] data) {
        if (finished) {
            return;
        }
        int position = 0;
        while (position < data.length) {
            int count = Math.min(chunk - buffered, data.length - position);
            System.arraycopy(data, position, buffer, buffered, count);
            buffered += count;
            position += count;
            if (buffered == chunk) {
                sendBuffer();
            }
        }
        throttle();
    }

    private void sendBuffer() {
        byte[] data = buffer;
        int length = buffered;
        long at = offset;
        buffer = new byte[chunk];
        buffered = 0;
        offset += length;
        inFlight++;
        client.write(handle, at, data, 0, length).addBoth((ok, failure) -> {
            inFlight--;
            if (failure != null) {
                fail(failure.value());
            } else {
                written += length;
                acknowledged();
            }
            return null;
        });
    }

    /** Pauses a push producer while the writes in flight are at the limit. */
    private void throttle() {
        if (inFlight >= maxInFlight && streaming && producer instanceof PushProducer push && !producerPaused) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    private void acknowledged() {
        if (finished) {
            return;
        }
        if (producerDone && inFlight == 0) {
            complete();
            return;
        }
        if (inFlight < maxInFlight) {
            if (streaming && producerPaused && producer instanceof PushProducer push) {
                producerPaused = false;
                push.resumeProducing();
            } else if (!streaming) {
                pull();
            }
        }
    }

    /** Asks a pull producer for data until the limit; a loop, since answers may come back inside. */
    private void pull() {
        if (pulling) {
            return;
        }
        pulling = true;
        try {
            while (!finished && !producerDone && inFlight < maxInFlight && producer instanceof PullProducer pull) {
                long before = offset + buffered;
                pull.resumeProducing();
                if (offset + buffered == before && producer == pull) {
                    // It wrote nothing and stays registered: it will write when it can.
                    break;
                }
            }
        } finally {
            pulling = false;
        }
    }

    private void producerDone() {
        if (finished) {
            return;
        }
        producerDone = true;
        if (buffered > 0) {
            sendBuffer();
        }
        if (inFlight == 0) {
            complete();
        }
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        client.close(handle).addCallbacks(closed -> {
            done.callback(written);
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
        Producer current = producer;
        producer = null;
        if (current != null) {
            current.stopProducing();
        }
        client.close(handle).addBoth((closed, ignored) -> null);
        done.errback(error);
    }
}
