package dev.torsion.testing;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.ListeningPort;

/** The port a {@link MemoryReactor} returns from its listen calls: it only remembers whether it still listens. */
public final class MemoryListeningPort implements ListeningPort {
    private final Address host;
    private boolean listening = true;

    MemoryListeningPort(Address host) {
        this.host = host;
    }

    /** Stops listening; the Deferred has already fired. */
    @Override
    public Deferred<Void> stopListening() {
        listening = false;
        return Deferred.succeed(null);
    }

    @Override
    public Address getHost() {
        return host;
    }

    /** Whether {@link #stopListening()} has not been called. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public String toString() {
        return "MemoryListeningPort(" + host + (listening ? "" : ", stopped") + ")";
    }
}
