package dev.torsion.ftp.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One data connection (RFC 959 §3.2), plain or under TLS (then a {@code TlsProtocol} wraps it).
 * Bytes that arrive before a transfer takes them (a client may start an upload before the server
 * has opened the file) are held, up to {@link #EARLY_LIMIT}; beyond that reading pauses.
 */
final class DataConnection extends Protocol implements HalfCloseableProtocol {
    static final int EARLY_LIMIT = 256 * 1024;

    private final IdleTimeout idle;
    private final List<byte[]> early = new ArrayList<>();
    private int earlyBytes;
    private boolean pausedEarly;
    private Consumer<byte[]> sink;
    private Consumer<Failure> onLost;
    private Runnable onMade;
    private Failure lost;
    private boolean endOfData;

    DataConnection(Clock clock) {
        this.idle = new IdleTimeout(clock, this::timedOut);
    }

    /** Runs {@code action} once connected (at once if already). */
    void whenMade(Runnable action) {
        if (transport() != null) {
            action.run();
        } else {
            onMade = action;
        }
    }

    @Override
    public void connectionMade() {
        if (onMade != null) {
            Runnable action = onMade;
            onMade = null;
            action.run();
        }
    }

    /** Sends the bytes received from now on (and those held) to {@code newSink}; with an idle deadline. */
    void receiveInto(Consumer<byte[]> newSink, Duration idleTimeout) {
        sink = newSink;
        idle.setTimeout(idleTimeout);
        for (byte[] data : early) {
            newSink.accept(data);
        }
        early.clear();
        earlyBytes = 0;
        if (pausedEarly) {
            pausedEarly = false;
            transport().resumeProducing();
        }
    }

    /** {@code action} hears the reason the connection ended (at once if it already has). */
    void whenLost(Consumer<Failure> action) {
        if (lost != null) {
            action.accept(lost);
        } else {
            onLost = action;
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (sink != null) {
            idle.resetTimeout();
            sink.accept(data);
            return;
        }
        early.add(data);
        earlyBytes += data.length;
        if (earlyBytes > EARLY_LIMIT && !pausedEarly) {
            pausedEarly = true;
            transport().pauseProducing();
        }
    }

    private void timedOut() {
        if (transport() != null) {
            transport().abortConnection();
        }
    }

    /**
     * The peer finished sending: its FIN, or under TLS 1.3 its close_notify. That is the clean end of
     * an upload (RFC 959 §3.4: in stream mode the end of the data is the close), whatever happens to
     * the connection after: this side closes too, and a reset or broken pipe on the way out no
     * longer counts as a cut upload.
     */
    @Override
    public void readConnectionLost() {
        endOfData = true;
        if (transport() != null) {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        // Only after this side's own close: nothing to do.
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        if (endOfData && reason.check(ConnectionDone.class) == null) {
            reason = Failure.of(new ConnectionDone("the peer had finished sending: " + reason.getErrorMessage()));
        }
        lost = reason;
        if (onLost != null) {
            Consumer<Failure> action = onLost;
            onLost = null;
            action.accept(reason);
        }
    }

    /** Whether the connection has ended. */
    boolean isLost() {
        return lost != null;
    }

    /** Closes at once, dropping what is unsent (ABOR, a session that ends). */
    void abort() {
        idle.cancel();
        if (transport() != null && lost == null) {
            transport().abortConnection();
        }
    }
}
