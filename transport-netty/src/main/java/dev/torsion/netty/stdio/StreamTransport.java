package dev.torsion.netty.stdio;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport over a pair of blocking Java streams (standard I/O, a serial device): one thread
 * reads and hands each chunk to the reactor thread as it arrives, another drains a queue of writes,
 * so the reactor thread never blocks.
 *
 * <p>All protocol callbacks run through the reactor executor: {@code makeConnection}, then
 * {@code dataReceived} per chunk, then {@code connectionLost} once. End of input closes the
 * connection (after pending writes are out) with {@link ConnectionDone}, unless the protocol is a
 * {@link HalfCloseableProtocol}, which hears {@code readConnectionLost} and may go on writing.
 * {@link #loseConnection()} stops reading, writes what is pending, closes the output, then reports
 * {@code connectionLost}. Call its methods on the reactor thread.
 *
 * <p>Flow control: pausing stops reading (a chunk already being read is held until resumed), and a
 * registered producer is paused while more than {@link #HIGH_WATER_MARK} bytes wait to be written.
 */
public abstract class StreamTransport implements HalfCloseableTransport {
    /** Queued output above which a registered push producer is paused. */
    public static final int HIGH_WATER_MARK = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StreamTransport.class);
    private static final int CHUNK_SIZE = 64 * 1024;
    /** Input read but not yet handed to the protocol, above which the reader waits for the reactor. */
    private static final long MAX_IN_FLIGHT = 1024 * 1024;

    /** What the writer thread takes from its queue: bytes, or the end of the output. */
    private sealed interface Outgoing permits Bytes, Marker {
    }

    /** Bytes to write. */
    private record Bytes(byte[] data) implements Outgoing {
    }

    /** The end of the output: flushed first ({@code CLOSE}) or not ({@code ABORT}). */
    private enum Marker implements Outgoing { CLOSE, ABORT }

    private final Executor reactor;
    private final Protocol protocol;
    private final InputStream in;
    private final OutputStream out;
    private final Address host;
    private final Address peer;
    private final String name;

    // Shared with the reader and writer threads.
    private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final Object readGate = new Object();
    private boolean readGatePaused;
    private volatile boolean readingStopped;

    // Reactor-thread state.
    private final ArrayDeque<byte[]> heldWhilePaused = new ArrayDeque<>();
    private boolean paused;
    private boolean endOfInputHeld;
    private boolean readClosed;
    private boolean writeClosed;
    private boolean writerDone;
    private boolean disconnecting;
    private boolean disconnected;
    private boolean aborting;
    private Failure lostReason;
    private Producer producer;
    private boolean producerStreaming;
    private boolean producerPaused;

    /**
     * Creates the transport; call {@link #start()} to connect the protocol.
     *
     * @param reactorThread runs every protocol callback, in order
     * @param protocol the protocol to bind
     * @param in read by a dedicated thread
     * @param out written by a dedicated thread
     * @param host this side's address
     * @param peer the other side's address
     * @param name names the threads ({@code torsion-NAME-reader}/{@code -writer}) and log lines
     */
    protected StreamTransport(Executor reactorThread, Protocol protocol, InputStream in, OutputStream out,
            Address host, Address peer, String name) {
        this.reactor = Objects.requireNonNull(reactorThread, "reactorThread");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.host = host;
        this.peer = peer;
        this.name = name;
    }

    /** Connects the protocol (on the reactor thread) and starts the reader and writer threads. */
    protected final void start() {
        deliver(() -> protocol.makeConnection(this));
        startDaemon("torsion-" + name + "-reader", this::readLoop);
        startDaemon("torsion-" + name + "-writer", this::writeLoop);
    }

    /**
     * Releases what the streams belong to once the connection is over (a serial port closes here).
     * Runs once, on the reactor thread, before {@code connectionLost}.
     */
    protected void release() {
    }

    /**
     * Whether end of input is a clean close (standard input reaching its end) rather than a lost
     * connection (a serial device that went away: a tty has no end of input of its own).
     */
    protected boolean endOfInputIsClean() {
        return true;
    }

    /** The protocol this transport carries. */
    public Protocol protocol() {
        return protocol;
    }

    // ------------------------------------------------------------------ Transport

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (disconnecting || disconnected || writeClosed || data.length == 0) {
            return;
        }
        long queued = queuedBytes.addAndGet(data.length);
        outgoing.add(new Bytes(data));
        if (producer != null && producerStreaming && !producerPaused && queued > HIGH_WATER_MARK) {
            producerPaused = true;
            ((PushProducer) producer).pauseProducing();
        }
    }

    @Override
    public void loseConnection() {
        if (disconnecting || disconnected) {
            return;
        }
        disconnecting = true;
        stopReading();
        if (!writeClosed) {
            writeClosed = true;
            outgoing.add(Marker.CLOSE);
        } else if (writerDone) {
            finish(Failure.of(new ConnectionDone("Connection was closed cleanly.")));
        }
    }

    @Override
    public void abortConnection() {
        if (disconnected) {
            return;
        }
        disconnecting = true;
        aborting = true;
        stopReading();
        outgoing.clear();
        queuedBytes.set(0);
        if (writerDone) {
            finish(Failure.of(new ConnectionAborted("Connection was aborted locally.")));
        } else {
            writeClosed = true;
            outgoing.add(Marker.ABORT);
        }
    }

    @Override
    public void loseWriteConnection() {
        if (writeClosed || disconnected) {
            return;
        }
        writeClosed = true;
        outgoing.add(Marker.CLOSE);
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting || disconnected;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("A producer is already registered: " + producer);
        }
        if (disconnected) {
            newProducer.stopProducing();
            return;
        }
        producer = newProducer;
        producerStreaming = streaming;
        producerPaused = false;
        if (!streaming) {
            ((PullProducer) newProducer).resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    /** Stops reading until {@link #resumeProducing()}; data already read is held meanwhile. */
    @Override
    public void pauseProducing() {
        paused = true;
        synchronized (readGate) {
            readGatePaused = true;
        }
    }

    /**
     * Reads again, first handing over what was held while paused; a held end of input is told in a
     * reactor task after this call, so that a protocol that resumes its transport and then goes on
     * with what it kept while paused (a TLS layer's undecrypted records) hears the end after those.
     */
    @Override
    public void resumeProducing() {
        paused = false;
        while (!paused && !disconnected && !heldWhilePaused.isEmpty()) {
            protocol.dataReceived(heldWhilePaused.poll());
        }
        if (paused || disconnected) {
            return;
        }
        if (endOfInputHeld) {
            deliver(this::heldEndOfInput);
        }
        synchronized (readGate) {
            readGatePaused = false;
            readGate.notifyAll();
        }
    }

    /** Closes the connection, as {@link #loseConnection()}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }

    // ------------------------------------------------------------------ reactor-thread events

    private void dataArrived(byte[] chunk) {
        long before = inFlight.getAndAdd(-chunk.length);
        if (before > MAX_IN_FLIGHT && before - chunk.length <= MAX_IN_FLIGHT) {
            synchronized (readGate) {
                readGate.notifyAll();
            }
        }
        if (disconnected || readingStopped) {
            return;
        }
        if (paused) {
            heldWhilePaused.add(chunk);
        } else {
            protocol.dataReceived(chunk);
        }
    }

    private void heldEndOfInput() {
        if (endOfInputHeld && !paused) {
            endOfInputHeld = false;
            inputEnded(null);
        }
    }

    private void inputEnded(IOException error) {
        if (disconnected || disconnecting) {
            return;
        }
        if (paused && error == null) {
            // A paused protocol hears no end either, held input or not: it may keep bytes of its own
            // that came before the end (a TLS layer's undecrypted records).
            endOfInputHeld = true;
            return;
        }
        readClosed = true;
        if (error != null) {
            log.warn("{}: reading failed: {}", this, error.toString());
            lostReason = Failure.of(new ConnectionLost("Reading failed: " + error.getMessage(), error));
            loseConnection();
        } else if (!endOfInputIsClean()) {
            log.warn("{}: the device went away", this);
            lostReason = Failure.of(new ConnectionLost("The device went away (end of input)."));
            loseConnection();
        } else if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
            if (writerDone) {
                finish(Failure.of(new ConnectionDone("Connection was closed cleanly.")));
            }
        } else {
            loseConnection();
        }
    }

    private void outputDrained() {
        if (producer == null || disconnected) {
            return;
        }
        if (producerStreaming) {
            if (producerPaused) {
                producerPaused = false;
                ((PushProducer) producer).resumeProducing();
            }
        } else {
            ((PullProducer) producer).resumeProducing();
        }
    }

    private void outputEnded(IOException error) {
        writerDone = true;
        writeClosed = true;
        if (disconnected) {
            return;
        }
        if (aborting) {
            finish(Failure.of(new ConnectionAborted("Connection was aborted locally.")));
        } else if (disconnecting) {
            finish(lostReason != null ? lostReason : Failure.of(new ConnectionDone("Connection was closed cleanly.")));
        } else if (error != null && !(protocol instanceof HalfCloseableProtocol)) {
            log.warn("{}: writing failed: {}", this, error.toString());
            disconnecting = true;
            stopReading();
            finish(Failure.of(new ConnectionLost("Writing failed: " + error.getMessage(), error)));
        } else if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
            if (readClosed) {
                finish(Failure.of(new ConnectionDone("Connection was closed cleanly.")));
            }
        }
    }

    private void finish(Failure reason) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        disconnecting = true;
        stopReading();
        heldWhilePaused.clear();
        try {
            release();
        } catch (RuntimeException e) {
            log.warn("{}: releasing failed", this, e);
        }
        Producer registered = producer;
        producer = null;
        if (registered != null) {
            registered.stopProducing();
        }
        protocol.notifyConnectionLost(reason);
    }

    private void stopReading() {
        readingStopped = true;
        synchronized (readGate) {
            readGate.notifyAll();
        }
    }

    // ------------------------------------------------------------------ the threads

    private void readLoop() {
        byte[] buffer = new byte[CHUNK_SIZE];
        try {
            while (awaitReadable()) {
                int count = in.read(buffer);
                if (count < 0) {
                    break;
                }
                if (count > 0) {
                    byte[] chunk = Arrays.copyOf(buffer, count);
                    inFlight.addAndGet(count);
                    deliver(() -> dataArrived(chunk));
                }
            }
            deliver(() -> inputEnded(null));
        } catch (IOException e) {
            if (readingStopped) {
                deliver(() -> inputEnded(null));
            } else {
                deliver(() -> inputEnded(e));
            }
        }
    }

    /** Blocks while paused or while the reactor is behind; false once reading has been stopped. */
    private boolean awaitReadable() {
        synchronized (readGate) {
            while ((readGatePaused || inFlight.get() > MAX_IN_FLIGHT) && !readingStopped) {
                try {
                    readGate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !readingStopped;
    }

    private void writeLoop() {
        IOException failure = null;
        try {
            while (true) {
                Outgoing item = outgoing.take();
                if (item instanceof Bytes bytes) {
                    byte[] data = bytes.data();
                    out.write(data);
                    if (outgoing.isEmpty()) {
                        out.flush();
                    }
                    if (queuedBytes.addAndGet(-data.length) <= 0 || outgoing.isEmpty()) {
                        deliver(this::outputDrained);
                    }
                } else {
                    if (item == Marker.CLOSE) {
                        out.flush();
                    }
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            log.debug("{}: closing the output failed", this, e);
        }
        outgoing.clear();
        IOException error = failure;
        deliver(() -> outputEnded(error));
    }

    private void deliver(Runnable event) {
        try {
            reactor.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    // A protocol bug closes this connection only, as Twisted does.
                    log.error("{}: protocol callback failed; closing the connection", this, e);
                    if (!disconnected && lostReason == null) {
                        lostReason = Failure.of(e);
                    }
                    loseConnection();
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("{}: the reactor refused an event: it has stopped", this);
        }
    }

    private static void startDaemon(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        thread.start();
    }
}
