package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects to a UNIX stream socket: Twisted's {@code UNIXClientEndpoint}, and what
 * {@code unix:path=PATH[:timeout=SECONDS][:checkPID=0|1]} makes.
 */
public final class UNIXClientEndpoint implements ClientEndpoint {
    private final Reactor reactor;
    private final String path;
    private final Duration timeout;
    private final boolean checkPID;

    /** Connects to the socket at {@code path}; with {@code checkPID}, fails at once when its lock file names no live process. */
    public UNIXClientEndpoint(Reactor reactor, String path, Duration timeout, boolean checkPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.checkPID = checkPID;
    }

    @Override
    public Deferred<Protocol> connect(ProtocolFactory factory) {
        ConnectingFactory connecting = new ConnectingFactory(factory);
        try {
            reactor.connectUNIX(path, connecting, timeout, checkPID);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        return connecting.deferred();
    }

    /** The socket's path. */
    public String path() {
        return path;
    }

    /** How long an attempt may take. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the PID lock file is checked first. */
    public boolean checkPID() {
        return checkPID;
    }

    @Override
    public String toString() {
        return "UNIXClientEndpoint(" + path + ")";
    }
}
