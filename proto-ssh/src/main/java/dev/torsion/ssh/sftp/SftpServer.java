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
 * the reactor's thread pool, so the reactor thread never waits for the disk: one task at a time
 * (the handle table is the pool's alone while it runs) takes the requests in order and answers
 * them one after another, handing each reply to the reactor as it is made, and reads on without
 * waiting for the reactor to take them, up to {@link #READ_AHEAD} bytes of replies not yet
 * taken. The reactor hands the replies to the channel in request order; while the channel holds
 * more than it can send ({@link #pauseOutput()}, the peer's window closed or the connection's
 * output full) they stay here, so the next ones are ready when it resumes, with no trip to the
 * pool between. The requests waiting are bounded by {@link SftpLimits#maxOutstanding()} and
 * {@link SftpLimits#maxOutstandingBytes()}.
 */
public final class SftpServer implements ExecSession {
    /**
     * Bytes of replies the pool may have made that the reactor has not handed to the channel
     * (READs counted at the length they ask for, at most the server's limit): the pool stops
     * taking requests there, and goes on once the reactor takes them.
     */
    static final int READ_AHEAD = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(SftpServer.class);

    /** A reply made on the pool, with the length of its request (for the outstanding limits). */
    private record Reply(byte[] bytes, int requestLength) {
    }

    private final Reactor reactor;
    private final ExecChannel channel;
    private final SftpLimits limits;
    private final SftpPacketReader reader;
    private final SftpRequestHandler handler;
    private final ReadBuffers readBuffers = new ReadBuffers();
    /** Guards the fields below it, which the pool's task and the reactor thread share. */
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> requests = new ArrayDeque<>();
    private final ArrayDeque<Reply> replies = new ArrayDeque<>();
    /** The bytes of {@link #replies}. */
    private long repliesBytes;
    /** A task runs on the pool: it alone touches the handler. */
    private boolean working;
    /** The pool's task has asked the reactor to take its replies, and the reactor has not yet. */
    private boolean woken;
    /** The session ended: the task takes no more requests. */
    private boolean stopped;
    // The reactor thread's alone.
    private SftpSessionState state = SftpSessionState.AWAITING_INIT;
    private int outstanding;
    private long outstandingBytes;
    private boolean pumping;
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
        if (outstanding >= limits.maxOutstanding() || outstandingBytes + packet.length > limits.maxOutstandingBytes()) {
            log.info("sftp: {} requests ({} bytes) outstanding, over the limits", outstanding + 1,
                    outstandingBytes + packet.length);
            channel.write(SftpRequestHandler.status(requestId(packet), SftpNumbers.FAILURE,
                    "too many outstanding requests"));
            end(1);
            return;
        }
        outstanding++;
        outstandingBytes += packet.length;
        synchronized (lock) {
            requests.add(packet);
        }
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

    /** What a request's reply counts against {@link #READ_AHEAD}: a READ's length, at most the server's. */
    private long expectedLength(byte[] request) {
        return Math.min(readLength(request), limits.maxRead());
    }

    /**
     * On the reactor thread: hands the replies made to the channel in request order (unless it
     * is paused), and starts the pool's task when requests wait and none runs. Loops instead of
     * recursing (a memory reactor runs the pool's task at once, inside this call).
     */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            boolean progress = true;
            while (progress && state != SftpSessionState.ENDED) {
                List<Reply> taken = null;
                boolean start = false;
                synchronized (lock) {
                    if (!outputPaused && !replies.isEmpty()) {
                        taken = new ArrayList<>(replies);
                        replies.clear();
                        repliesBytes = 0;
                    }
                    // Replies held for a paused channel need no wake-up: resumeOutput() comes.
                    woken = !replies.isEmpty();
                    if (!working && mayTakeRequest()) {
                        working = true;
                        start = true;
                    }
                }
                if (taken != null) {
                    send(taken);
                }
                if (start) {
                    reactor.deferToThread(this::work).addBoth((ignored, failure) -> {
                        workEnded(failure == null ? null : failure.value());
                        return null;
                    });
                }
                progress = taken != null || start;
            }
            if (state == SftpSessionState.DRAINING && outstanding == 0) {
                end(0);
            }
        } finally {
            pumping = false;
        }
    }

    /**
     * Whether the pool may take the next request: there is one, and the replies not yet taken
     * leave room for its reply (or there are none: a request is never held back for its size).
     * Called with {@link #lock} held.
     */
    private boolean mayTakeRequest() {
        byte[] next = requests.peek();
        return !stopped && next != null
                && (replies.isEmpty() || repliesBytes + expectedLength(next) <= READ_AHEAD);
    }

    /**
     * The channel takes replies: each array comes back once copied into packets, and READ
     * replies' arrays are filled again by later reads ({@link ReadBuffers}).
     */
    private void send(List<Reply> taken) {
        List<byte[]> bytes = new ArrayList<>(taken.size());
        for (Reply reply : taken) {
            bytes.add(reply.bytes());
            outstanding--;
            outstandingBytes -= reply.requestLength();
        }
        channel.writeSequence(bytes, readBuffers::give);
    }

    /**
     * On the pool: answers the requests in order while {@link #mayTakeRequest()}, handing each
     * reply to the reactor as it is made (waking it once until it takes them), without waiting
     * for it. Only one runs at a time; it ends when no request may be taken.
     */
    private Object work() {
        boolean done = false;
        try {
            while (true) {
                byte[] request;
                synchronized (lock) {
                    if (!mayTakeRequest()) {
                        working = false;
                        done = true;
                        return null;
                    }
                    request = requests.poll();
                }
                byte[] reply = handler.handle(request);
                boolean wake;
                synchronized (lock) {
                    replies.add(new Reply(reply, request.length));
                    repliesBytes += reply.length;
                    wake = !woken;
                    woken = true;
                }
                if (wake) {
                    reactor.callFromThread(this::pump);
                }
            }
        } finally {
            if (!done) {
                synchronized (lock) {
                    working = false;
                }
            }
        }
    }

    /** On the reactor thread, once the pool's task has returned. */
    private void workEnded(Throwable error) {
        if (state == SftpSessionState.ENDED) {
            closeHandles();
            return;
        }
        if (error != null) {
            log.warn("sftp: requests failed: {}", error.toString());
            end(1);
            return;
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
            if (!stop()) {
                closeHandles();
            }
        }
    }

    /** The channel holds more than it can send: replies wait here (the pool still reads ahead). */
    @Override
    public void pauseOutput() {
        outputPaused = true;
    }

    @Override
    public void resumeOutput() {
        outputPaused = false;
        pump();
    }

    /** Drops what waits and stops the pool's task; true when it is still running. */
    private boolean stop() {
        synchronized (lock) {
            stopped = true;
            requests.clear();
            replies.clear();
            repliesBytes = 0;
            return working;
        }
    }

    /** Ends the subsystem with {@code status} once the handles are closed. */
    private void end(int status) {
        if (state == SftpSessionState.ENDED) {
            return;
        }
        state = state.ended();
        if (stop()) {
            // The task running closes the handles when it comes back (workEnded()).
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
