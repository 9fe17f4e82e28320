package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Writes back every byte it receives, and records how its connection ended. */
class RecordingEcho extends Protocol {
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    private long echoed;

    @Override
    public void dataReceived(byte[] data) {
        echoed += data.length;
        transport().write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        lost.complete(reason);
    }

    /** How many bytes were echoed (read it on the reactor thread or after the connection ended). */
    long echoed() {
        return echoed;
    }

    Failure awaitLost() throws Exception {
        return lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
