package dev.torsion.netty.stdio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An output that records bytes, completes a future when closed, and can hold writers at a gate. */
class RecordingOutputStream extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<byte[]> closed = new CompletableFuture<>();
    final CountDownLatch gate;
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);

    RecordingOutputStream(boolean gated) {
        this.gate = new CountDownLatch(gated ? 1 : 0);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        firstWriteStarted.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            bytes.write(data, offset, length);
        }
    }

    @Override
    public synchronized void close() {
        closed.complete(bytes.toByteArray());
    }

    synchronized byte[] written() {
        return bytes.toByteArray();
    }
}
