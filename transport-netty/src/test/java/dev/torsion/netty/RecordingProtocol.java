package dev.torsion.netty;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A protocol that records what it receives and when its connection is made and lost. */
class RecordingProtocol extends Protocol {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<RecordingProtocol> made = new CompletableFuture<>();
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    private final int expected;
    final CompletableFuture<byte[]> gotAll = new CompletableFuture<>();

    RecordingProtocol() {
        this(-1);
    }

    /** Completes {@link #gotAll} once {@code expected} bytes arrived. */
    RecordingProtocol(int expected) {
        this.expected = expected;
    }

    @Override
    public void connectionMade() {
        made.complete(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        synchronized (received) {
            received.write(data, 0, data.length);
            if (expected >= 0 && received.size() >= expected) {
                gotAll.complete(received.toByteArray());
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        lost.complete(reason);
    }

    String text() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    Failure awaitLost() throws Exception {
        return lost.get(10, TimeUnit.SECONDS);
    }
}
