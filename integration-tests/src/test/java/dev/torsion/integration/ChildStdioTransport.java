package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.ProcessDone;
import dev.torsion.netty.stdio.PipeAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a stream {@link Protocol} over a child process's stdin and stdout, as Twisted's
 * {@code ProcessEndpoint} does: to the child it is a {@link ProcessProtocol}, to the protocol a
 * {@link Transport}. Writes go to the child's stdin; its stdout goes to {@code dataReceived};
 * {@code loseConnection} closes stdin (the child sees end of input). The protocol's connection is
 * lost when the child has ended: cleanly ({@link ConnectionDone}) when it exited with 0, otherwise
 * with a {@link ConnectionLost} that carries the exit status. The child's stderr is kept for
 * diagnostics.
 */
final class ChildStdioTransport extends ProcessProtocol implements Transport {
    private final Protocol protocol;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PipeAddress address;
    private Producer producer;
    private boolean stdinClosed;

    ChildStdioTransport(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void connectionMade() {
        address = new PipeAddress("child " + transport().pid());
        protocol.makeConnection(this);
    }

    @Override
    public void outReceived(byte[] data) {
        protocol.dataReceived(data);
    }

    @Override
    public void errReceived(byte[] data) {
        synchronized (stderr) {
            stderr.write(data, 0, data.length);
        }
    }

    @Override
    public void processEnded(Failure reason) {
        if (producer != null) {
            producer.stopProducing();
            producer = null;
        }
        Failure lost = reason.check(ProcessDone.class) != null
                ? Failure.of(new ConnectionDone("the child " + address + " exited cleanly"))
                : Failure.of(new ConnectionLost("the child " + address + " ended: " + reason.getErrorMessage(),
                        reason.value()));
        protocol.notifyConnectionLost(lost);
    }

    /** What the child wrote to its stderr so far. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(byte[] data) {
        if (!stdinClosed) {
            transport().write(data);
        }
    }

    @Override
    public void loseConnection() {
        if (!stdinClosed) {
            stdinClosed = true;
            transport().closeStdin();
        }
    }

    @Override
    public void abortConnection() {
        stdinClosed = true;
        transport().signalProcess("KILL");
    }

    @Override
    public Address getHost() {
        return new PipeAddress("parent");
    }

    @Override
    public Address getPeer() {
        return address;
    }

    /**
     * Keeps the producer only to stop it when the child ends: a {@code ProcessTransport} reports no
     * write pressure, so there is nothing to pause it for.
     */
    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered: " + producer);
        }
        producer = newProducer;
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    /** Stops reading the child's output, where the process transport supports it. */
    @Override
    public void pauseProducing() {
        if (transport() instanceof PushProducer child) {
            child.pauseProducing();
        }
    }

    @Override
    public void resumeProducing() {
        if (transport() instanceof PushProducer child) {
            child.resumeProducing();
        }
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }
}
