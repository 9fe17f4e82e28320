package dev.torsion.netty.stdio;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records what a stream transport (standard I/O, a serial port) delivers, checks the thread,
 * completes futures for the tests.
 */
public class RecordingProtocol extends Protocol {
    public final Thread reactorThread;
    public final List<String> wrongThread = Collections.synchronizedList(new ArrayList<>());
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public final CompletableFuture<Void> made = new CompletableFuture<>();
    public final CompletableFuture<Failure> lost = new CompletableFuture<>();
    private int wanted = Integer.MAX_VALUE;
    private CompletableFuture<byte[]> waiter;

    public RecordingProtocol(Thread reactorThread) {
        this.reactorThread = reactorThread;
    }

    void checkThread(String event) {
        if (Thread.currentThread() != reactorThread) {
            wrongThread.add(event + " on " + Thread.currentThread().getName());
        }
    }

    @Override
    public void connectionMade() {
        checkThread("connectionMade");
        made.complete(null);
    }

    @Override
    public void dataReceived(byte[] data) {
        checkThread("dataReceived");
        synchronized (this) {
            received.write(data, 0, data.length);
            if (waiter != null && received.size() >= wanted) {
                waiter.complete(received.toByteArray());
                waiter = null;
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        checkThread("connectionLost");
        lost.complete(reason);
    }

    /** Completes once at least {@code bytes} bytes have been received. */
    public synchronized CompletableFuture<byte[]> receivedAtLeast(int bytes) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (received.size() >= bytes) {
            future.complete(received.toByteArray());
        } else {
            wanted = bytes;
            waiter = future;
        }
        return future;
    }

    public synchronized byte[] receivedBytes() {
        return received.toByteArray();
    }
}
