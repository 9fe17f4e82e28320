package dev.torsion.netty.process;

import dev.torsion.defer.Failure;
import dev.torsion.internet.ProcessProtocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Records every callback, checks that each runs on the reactor thread, and completes futures the
 * tests wait on (with timeouts, never sleeps).
 */
class RecordingProcessProtocol extends ProcessProtocol {
    final Thread reactorThread;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> wrongThread = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CompletableFuture<Void> made = new CompletableFuture<>();
    final CompletableFuture<Failure> exited = new CompletableFuture<>();
    final CompletableFuture<Failure> ended = new CompletableFuture<>();

    RecordingProcessProtocol(Thread reactorThread) {
        this.reactorThread = reactorThread;
    }

    private void onReactor(String event) {
        if (Thread.currentThread() != reactorThread) {
            wrongThread.add(event + " on " + Thread.currentThread().getName());
        }
        events.add(event);
    }

    @Override
    public void connectionMade() {
        onReactor("connectionMade");
        made.complete(null);
    }

    private int stdoutWanted = Integer.MAX_VALUE;
    private CompletableFuture<byte[]> stdoutWaiter;

    @Override
    public void childDataReceived(int fd, byte[] data) {
        onReactor("data" + fd);
        synchronized (this) {
            (fd == 1 ? out : err).write(data, 0, data.length);
            if (stdoutWaiter != null && out.size() >= stdoutWanted) {
                stdoutWaiter.complete(out.toByteArray());
                stdoutWaiter = null;
            }
        }
    }

    /** Completes once at least {@code bytes} bytes of stdout have arrived. */
    synchronized CompletableFuture<byte[]> stdoutAtLeast(int bytes) {
        CompletableFuture<byte[]> waiter = new CompletableFuture<>();
        if (out.size() >= bytes) {
            waiter.complete(out.toByteArray());
        } else {
            stdoutWanted = bytes;
            stdoutWaiter = waiter;
        }
        return waiter;
    }

    @Override
    public void childConnectionLost(int fd) {
        onReactor("lost" + fd);
    }

    @Override
    public void processExited(Failure reason) {
        onReactor("exited");
        exited.complete(reason);
    }

    @Override
    public void processEnded(Failure reason) {
        onReactor("ended");
        ended.complete(reason);
    }

    synchronized byte[] stdout() {
        return out.toByteArray();
    }

    synchronized byte[] stderr() {
        return err.toByteArray();
    }

    /** Waits for processEnded and returns its reason. */
    Failure awaitEnded() throws Exception {
        return ended.get(30, TimeUnit.SECONDS);
    }
}
