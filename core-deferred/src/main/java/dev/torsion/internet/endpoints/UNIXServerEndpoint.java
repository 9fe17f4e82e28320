package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.util.Objects;

/**
 * Listens on a UNIX stream socket: Twisted's {@code UNIXServerEndpoint}, and what
 * {@code unix:PATH[:mode=660][:backlog=N][:lockfile=0|1]} makes.
 */
public final class UNIXServerEndpoint implements ServerEndpoint {
    /** The default file mode of the socket, as Twisted's. */
    public static final int DEFAULT_MODE = 0666;

    private final Reactor reactor;
    private final String address;
    private final int backlog;
    private final int mode;
    private final boolean wantPID;

    /**
     * Listens at {@code address} with file mode {@code mode}; with {@code wantPID}, a lock file holds
     * the listener's PID (see {@link Reactor#listenUNIX}).
     */
    public UNIXServerEndpoint(Reactor reactor, String address, int backlog, int mode, boolean wantPID) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.address = Objects.requireNonNull(address, "address");
        this.backlog = backlog;
        this.mode = mode;
        this.wantPID = wantPID;
    }

    @Override
    public Deferred<ListeningPort> listen(ProtocolFactory factory) {
        try {
            return Deferred.succeed(reactor.listenUNIX(address, factory, backlog, mode, wantPID));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /** The socket's path. */
    public String address() {
        return address;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** The socket file's mode. */
    public int mode() {
        return mode;
    }

    /** Whether a PID lock file is kept. */
    public boolean wantPID() {
        return wantPID;
    }

    @Override
    public String toString() {
        return "UNIXServerEndpoint(" + address + ")";
    }
}
