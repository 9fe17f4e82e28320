package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.server.ExecChannel;
import dev.torsion.ssh.server.ExecSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP version 3 server on one session channel (draft-ietf-secsh-filexfer-02, with OpenSSH's
 * extensions), serving the files under a root as {@link SftpRoot} confines them. File I/O runs on
 * the reactor's thread pool, a batch of requests at a time and one batch after another, so the
 * reactor thread never waits for the disk and replies go out in request order; the next batch
 * starts before the replies of the last are written, so reading and sending overlap. While the peer's
 * window is closed ({@link #pauseOutput()}) no request is started, so replies never pile up; the
 * requests waiting meanwhile are bounded by {@link SftpLimits#maxOutstanding()} and
 * {@link SftpLimits#maxOutstandingBytes()}.
 */
public final class SftpServer implements ExecSession {
    /** Requests taken to the thread pool in one trip, at most. */
    private static final int BATCH = 16;
    /** Bytes of READ replies a batch may make: a batch ends at the request that reaches it. */
    private static final int BATCH_READ_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(SftpServer.class);

    private final Reactor reactor;
    private final ExecChannel channel;
    private final SftpLimits limits;
    private final SftpPacketReader reader;
    private final SftpRequestHandler handler;
    private final ReadBuffers readBuffers = new ReadBuffers();
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private SftpSessionState state = SftpSessionState.AWAITING_INIT;
    private long outstandingBytes;
    private int inProgress;
    private boolean busy;
    private boolean pumping;
    private boolean sending;
    private boolean outputPaused;
    private boolean handlesClosed;

    /** A server of the files under {@code root} (which must exist) on {@code channel}, with the default limits. */
    public SftpServer(Reactor reactor, Path root, ExecChannel channel) throws IOException {
        this(reactor, root, channel, SftpLimits.DEFAULTS);
    }

    /** As above, with other limits. */
    public SftpServer(Reactor reactor, Path root, ExecChannel channel, SftpLimits limits) throws IOException {
        this.reactor = reactor;
        this.channel = channel;
        this.limits = limits;
        this.reader = new SftpPacketReader(limits.maxPacket());
        this.handler = new SftpRequestHandler(new SftpRoot(root), limits, readBuffers);
    }

    /** The session's state. */
    public SftpSessionState state() {
        return state;
    }

    /** The handles open (for tests: call on the reactor thread while no batch runs). */
    int openHandles() {
        return handler.openHandles();
    }

    @Override
    public void input(byte[] data) {
        if (!state.accepting()) {
            return;
        }
        reader.feed(data);
        try {
            for (byte[] packet = reader.next(); packet != null && state.accepting(); packet = reader.next()) {
                accept(packet);
            }
        } catch (SshProtocolException e) {
            log.info("sftp: {}", e.getMessage());
            end(1);
            return;
        }
        pump();
    }

    private void accept(byte[] packet) {
        int type = packet[0] & 0xff;
        if (state == SftpSessionState.AWAITING_INIT) {
            if (type != SftpNumbers.INIT) {
                log.info("sftp: request of type {} before INIT", type);
                end(1);
                return;
            }
            state = state.initialized();
            channel.write(SftpRequestHandler.version());
            return;
        }
        if (type == SftpNumbers.INIT) {
            log.info("sftp: a second INIT");
            end(1);
            return;
        }
        int outstanding = waiting.size() + inProgress;
        if (outstanding >= limits.maxOutstanding() || outstandingBytes + packet.length > limits.maxOutstandingBytes()) {
            log.info("sftp: {} requests ({} bytes) outstanding, over the limits", outstanding + 1,
                    outstandingBytes + packet.length);
            channel.write(SftpRequestHandler.status(requestId(packet), SftpNumbers.FAILURE,
                    "too many outstanding requests"));
            end(1);
            return;
        }
        waiting.add(packet);
        outstandingBytes += packet.length;
    }

    private static long requestId(byte[] packet) {
        return packet.length < 5 ? 0 : uint32(packet, 1);
    }

    /**
     * The length a READ asks for (uint32 after the id, the handle and the uint64 offset; section
     * 6.4), 0 for other requests and for a READ too short to say, which the handler answers.
     */
    static long readLength(byte[] packet) {
        if (packet.length < 9 || (packet[0] & 0xff) != SftpNumbers.READ) {
            return 0;
        }
        long handleLength = uint32(packet, 5);
        long at = 9 + handleLength + 8;
        return at + 4 <= packet.length ? uint32(packet, (int) at) : 0;
    }

    private static long uint32(byte[] data, int at) {
        return ((data[at] & 0xffL) << 24) | ((data[at + 1] & 0xffL) << 16) | ((data[at + 2] & 0xffL) << 8)
                | (data[at + 3] & 0xffL);
    }

    /** Starts the next batch when none runs and the output may flow; loops instead of recursing. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!busy && !outputPaused && !waiting.isEmpty() && state != SftpSessionState.ENDED) {
                List<byte[]> batch = new ArrayList<>();
                long readBytes = 0;
                while (batch.size() < BATCH && readBytes < BATCH_READ_BYTES && !waiting.isEmpty()) {
                    byte[] request = waiting.poll();
                    batch.add(request);
                    readBytes += Math.min(readLength(request), limits.maxRead());
                }
                busy = true;
                inProgress = batch.size();
                reactor.deferToThread(() -> run(batch)).addBoth((replies, failure) -> {
                    finished(batch, replies, failure == null ? null : failure.value());
                    return null;
                });
            }
            if (!busy && waiting.isEmpty() && ready.isEmpty() && state == SftpSessionState.DRAINING) {
                end(0);
            }
        } finally {
            pumping = false;
        }
    }

    private List<byte[]> run(List<byte[]> batch) {
        List<byte[]> replies = new ArrayList<>(batch.size());
        for (byte[] request : batch) {
            replies.add(handler.handle(request));
        }
        return replies;
    }

    private void finished(List<byte[]> batch, List<byte[]> replies, Throwable error) {
        busy = false;
        inProgress = 0;
        for (byte[] request : batch) {
            outstandingBytes -= request.length;
        }
        if (state == SftpSessionState.ENDED) {
            closeHandles();
            return;
        }
        if (error != null) {
            log.warn("sftp: requests failed: {}", error.toString());
            end(1);
            return;
        }
        ready.addAll(replies);
        // The next batch goes to the pool first: its file reads then overlap the encryption and
        // sending of these replies on the reactor thread, instead of waiting for them. That is at
        // most one batch beyond the channel's pause threshold (one batch runs at a time).
        pump();
        sendReady();
    }

    /**
     * Writes the replies of finished batches in request order (a batch may finish inside pump()).
     * The channel hands each array back once copied into packets, and READ replies' arrays are
     * filled again by later reads ({@link ReadBuffers}).
     */
    private void sendReady() {
        if (sending) {
            return;
        }
        sending = true;
        try {
            while (!ready.isEmpty() && state != SftpSessionState.ENDED) {
                List<byte[]> replies = new ArrayList<>(ready);
                ready.clear();
                channel.writeSequence(replies, readBuffers::give);
            }
        } finally {
            sending = false;
        }
        pump();
    }

    @Override
    public void inputEnded() {
        if (state != SftpSessionState.ENDED) {
            state = state.inputEnded();
            pump();
        }
    }

    @Override
    public void terminate() {
        if (state != SftpSessionState.ENDED) {
            state = state.ended();
            waiting.clear();
            ready.clear();
            if (!busy) {
                closeHandles();
            }
        }
    }

    @Override
    public void pauseOutput() {
        outputPaused = true;
    }

    @Override
    public void resumeOutput() {
        outputPaused = false;
        pump();
    }

    /** Ends the subsystem with {@code status} once the handles are closed. */
    private void end(int status) {
        if (state == SftpSessionState.ENDED) {
            return;
        }
        state = state.ended();
        waiting.clear();
        ready.clear();
        if (busy) {
            // The batch running closes the handles when it comes back (finished()).
            channel.exit(status);
            return;
        }
        closeHandles().addCallback(ignored -> {
            channel.exit(status);
            return null;
        });
    }

    private Deferred<Object> closeHandles() {
        if (handlesClosed) {
            return Deferred.succeed(null);
        }
        handlesClosed = true;
        return reactor.deferToThread(() -> {
            handler.closeAll();
            return null;
        });
    }
}
