package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.BufferProtocol;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.RelayingTransport;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.tls.TlsClosePolicy;
import dev.torsion.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream connection (TCP or UNIX, clear or TLS): the last handler of its channel's pipeline and
 * the {@link dev.torsion.internet.Transport} its protocol writes to. Netty is never visible to the
 * protocol: bytes arrive as {@code byte[]} (or, for a {@link BufferProtocol}, as a read-only
 * {@link ByteBuffer} view of Netty's buffer, lent for the call) and every callback runs on the
 * reactor thread.
 *
 * <p><b>Write coalescing.</b> {@link #write} hands the bytes to Netty without flushing. While the
 * loop is delivering a read, the flush happens once in {@link #channelReadComplete}; a write from
 * anywhere else (a timer, {@code callFromThread}, {@code connectionMade}) schedules one flush task
 * for the end of the current loop turn. Either way a protocol's many small writes cost one system
 * call.
 */
final class StreamConnection extends ChannelInboundHandlerAdapter
        implements TlsCapableTransport, HalfCloseableTransport, FileSendingTransport, TlsConnectionInfo,
        PeerCredentialsTransport, RelayingTransport, Runnable {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    /**
     * The reason of every clean close, shared as Twisted shares {@code connectionDone}: building an
     * exception with its stack trace for each closed connection would cost more than the close.
     */
    private static final Failure CONNECTION_DONE = Failure.of(new ConnectionDone("Connection was closed cleanly."));

    private final NettyReactor reactor;
    private final ProtocolFactory factory;
    private final Consumer<Protocol> onMade;
    private final Consumer<Failure> onLost;
    /**
     * Whether a listener accepted this connection. Only then does unwritten output pause reading:
     * if both ends of a connection stopped reading while their output is full, two peers that each
     * write before they read (an echo client sending a large message) would wait for each other
     * forever. The server side is the one a peer can make buffer without bound; a client's
     * registered producer is still paused.
     */
    private final boolean accepted;
    private Protocol protocol;
    private ChannelHandlerContext ctx;
    private Channel channel;

    private Lifecycle lifecycle = Lifecycle.OPENING;
    private ReadPause readPause = ReadPause.READING;
    private FlushState flush = FlushState.IDLE;
    /** TLS: what the reading side has seen (handshake, the peer's close_notify); see {@link TlsClosePolicy}. */
    private TlsClosePolicy.Inbound tlsInbound = TlsClosePolicy.Inbound.HANDSHAKING;
    private Failure closeReason;
    /**
     * Reads that arrived while reading was paused (one socket read can carry several TLS records),
     * and the end of the peer's writing if it came after them or while the protocol had paused
     * reading: delivered in order on resume (the end in a later task, see {@link HeldEnd}). Made
     * on the first held read (most connections never hold one: an empty deque costs 100 bytes).
     */
    private ArrayDeque<Runnable> heldReads;
    /** Whether a task to tell the held end of the peer's writing is queued ({@link HeldEnd}). */
    private boolean endScheduled;
    /** Where reads go unread by the protocol once the core relay linked this connection (or null). */
    private StreamConnection relayTarget;

    private Producer producer;
    private boolean streamingProducer;
    private boolean pullScheduled;

    private Duration closeTimeout;
    private Duration sendTimeout;
    private ScheduledFuture<?> closeDeadline;
    private ScheduledFuture<?> sendWatch;
    private SendProgress sendProgress;
    /** Reads the kernel's round-trip time (made on the first question; null until then, or when it cannot). */
    private KernelRoundTrip roundTrip;

    /**
     * The connection's life, one state at a time. Half-closes run one way each: this side's writing
     * ({@link #WRITE_SHUTTING} then {@link #WRITE_SHUT}) or the peer's ({@link #READ_SHUT}); when the
     * other direction ends too, the connection closes.
     */
    enum Lifecycle {
        /** The channel is not active yet, or the factory has not built the protocol. */
        OPENING,
        /** Both directions open. */
        OPEN,
        /** The peer ended its writing; a half-closeable protocol may go on writing. */
        READ_SHUT,
        /** {@link #loseWriteConnection()}: pending output, then (TLS close_notify and) FIN; reading goes on. */
        WRITE_SHUTTING,
        /** This side's writing is shut (everything before it was sent); reading goes on. */
        WRITE_SHUT,
        /** {@link #loseConnection()}: pending output, then close; the close deadline runs. */
        CLOSING,
        /** Aborted: the channel is closing now, unsent output dropped. */
        ABORTING,
        /** The channel is closed and the protocol told. */
        CLOSED;

        /** Whether the protocol may still write. */
        boolean writable() {
            return this == OPEN || this == READ_SHUT;
        }

        /** Whether a close or abort is under way or done. */
        boolean disconnecting() {
            return this == CLOSING || this == ABORTING || this == CLOSED;
        }
    }

    /**
     * Why reading from the peer is paused: the protocol ({@link #pauseProducing()}), the unwritten
     * output above its high-water mark (backpressure), or both. Reading resumes only in
     * {@link #READING}, so the two reasons can never undo each other.
     */
    enum ReadPause {
        READING, BY_PROTOCOL, FOR_OUTPUT, BY_BOTH;

        ReadPause protocolPaused() {
            return this == READING || this == BY_PROTOCOL ? BY_PROTOCOL : BY_BOTH;
        }

        ReadPause protocolResumed() {
            return this == BY_BOTH || this == FOR_OUTPUT ? FOR_OUTPUT : READING;
        }

        ReadPause outputFull() {
            return this == READING || this == FOR_OUTPUT ? FOR_OUTPUT : BY_BOTH;
        }

        ReadPause outputDrained() {
            return this == BY_BOTH || this == BY_PROTOCOL ? BY_PROTOCOL : READING;
        }

        boolean forOutput() {
            return this == FOR_OUTPUT || this == BY_BOTH;
        }

        boolean byProtocol() {
            return this == BY_PROTOCOL || this == BY_BOTH;
        }
    }

    /** Write coalescing: one flush per loop turn, at the end of a read or in one task. */
    private enum FlushState {
        /** Nothing written since the last flush, outside a read. */
        IDLE,
        /** Delivering a read, nothing written yet. */
        IN_READ,
        /** Delivering a read with writes pending: flushed in {@link #channelReadComplete}. */
        IN_READ_PENDING,
        /** Writes pending outside a read: the flush task is queued. */
        SCHEDULED
    }

    /**
     * @param factory builds the protocol once the channel is active
     * @param onMade told the protocol after its {@code connectionMade} (clients), or null
     * @param onLost told the reason after the protocol's {@code connectionLost} (clients), or null
     */
    StreamConnection(NettyReactor reactor, ProtocolFactory factory, Consumer<Protocol> onMade,
            Consumer<Failure> onLost) {
        this.reactor = reactor;
        this.factory = factory;
        this.onMade = onMade;
        this.onLost = onLost;
        this.accepted = onMade == null && onLost == null;
        this.closeTimeout = reactor.closeTimeout();
        this.sendTimeout = reactor.sendTimeout();
    }

    // ------------------------------------------------------------------ Netty side

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.channel = context.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        reactor.track(this);
        Protocol built;
        try {
            built = factory.buildProtocol(getPeer());
        } catch (RuntimeException e) {
            log.error("Protocol factory {} failed for {}", factory, this, e);
            closeReason = Failure.of(new ConnectionLost("protocol factory failed", e));
            lifecycle = Lifecycle.ABORTING;
            context.close();
            return;
        }
        if (built == null) {
            // The factory refused the connection.
            closeReason = Failure.of(new ConnectionDone("refused by the protocol factory"));
            lifecycle = Lifecycle.ABORTING;
            context.close();
            return;
        }
        protocol = built;
        lifecycle = Lifecycle.OPEN;
        if (protocol instanceof HalfCloseableProtocol && channel instanceof DuplexChannel) {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException e) {
            protocolFailed("connectionMade", e);
            return;
        }
        if (onMade != null && lifecycle != Lifecycle.CLOSED) {
            onMade.accept(protocol);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (relayTarget != null && mayRead() && !holdsReads() && !lifecycle.disconnecting()) {
            relayTarget.writeRelayed(buf);
            return;
        }
        if (protocol instanceof BufferProtocol receiver && !lifecycle.disconnecting() && mayRead() && !holdsReads()) {
            try {
                lend(receiver, buf);
            } finally {
                buf.release();
            }
            return;
        }
        byte[] data;
        try {
            data = new byte[buf.readableBytes()];
            buf.readBytes(data);
        } finally {
            buf.release();
        }
        if (protocol == null || lifecycle.disconnecting() || data.length == 0) {
            return;
        }
        if (!mayRead() || holdsReads()) {
            // Bytes Netty had read before the pause took effect (several TLS records from one
            // socket read, say): the protocol sees them only once it reads again.
            hold(() -> deliver(data));
            return;
        }
        deliver(data);
    }

    /**
     * The buffer path: the protocol reads Netty's buffer through a read-only view, with no copy; the
     * view is emptied once the call returns, before the buffer goes back to the pool. A paused
     * protocol gets its held reads as arrays (copies that outlive the buffer) through
     * {@link Protocol#dataReceived(byte[])}, which forwards them to {@code bufferReceived}.
     */
    private void lend(BufferProtocol receiver, ByteBuf buf) {
        if (!buf.isReadable()) {
            return;
        }
        if (flush == FlushState.IDLE) {
            flush = FlushState.IN_READ;
        }
        ByteBuffer view = buf.nioBuffer().asReadOnlyBuffer();
        LentRead outer = reactor.swapLentRead(new LentRead(buf, view, view.position()));
        try {
            receiver.bufferReceived(view);
        } catch (RuntimeException e) {
            protocolFailed("bufferReceived", e);
        } finally {
            reactor.swapLentRead(outer);
            view.limit(0);
        }
    }

    private void deliver(byte[] data) {
        if (flush == FlushState.IDLE) {
            flush = FlushState.IN_READ;
        }
        try {
            protocol.dataReceived(data);
        } catch (RuntimeException e) {
            protocolFailed("dataReceived", e);
        }
    }

    /**
     * The peer's last bytes, read before a pause took hold, when the peer then ends the connection:
     * handed over (pause or not) rather than dropped, so that a relay still passes them on.
     */
    private void deliverHeldReads() {
        while (holdsReads() && !lifecycle.disconnecting()) {
            heldReads.poll().run();
        }
    }

    private boolean holdsReads() {
        return heldReads != null && !heldReads.isEmpty();
    }

    private void hold(Runnable read) {
        if (heldReads == null) {
            heldReads = new ArrayDeque<>(4);
        }
        heldReads.add(read);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (flush == FlushState.IN_READ_PENDING) {
            flush = FlushState.IDLE;
            flushNow();
        } else if (flush == FlushState.IN_READ) {
            flush = FlushState.IDLE;
        }
        // SCHEDULED stays: its task flushes at the end of this loop turn.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if ((holdsReads() || readPause.byProtocol()) && (event instanceof ChannelInputShutdownEvent
                || event instanceof SslCloseCompletionEvent)) {
            // The end of the peer's writing comes after the bytes held while paused, as it did on the
            // wire. A protocol that paused hears no end either, held reads or not (epoll reads to the
            // end of the stream after EPOLLRDHUP even with reading off): it may keep bytes of its own
            // that came before the end, as a TLS layer keeps the records it has not decrypted yet.
            hold(new HeldEnd(() -> inputEvent(context, event)));
        } else {
            inputEvent(context, event);
        }
        context.fireUserEventTriggered(event);
    }

    /**
     * The end of the peer's writing, held while paused. On resume it is told in a loop turn of its
     * own, after the held bytes: a protocol's {@code resumeProducing} resumes its transport and then
     * goes on with what it kept while paused (a TLS layer's undecrypted records), and the end must
     * come after those too, as it would had reading only resumed at the next turn.
     */
    private record HeldEnd(Runnable event) implements Runnable {
        @Override
        public void run() {
            event.run();
        }
    }

    /** Tells the held ends at the head of the held reads, in a task of their own (see {@link HeldEnd}). */
    private void scheduleHeldEnd() {
        if (endScheduled) {
            return;
        }
        endScheduled = true;
        channel.eventLoop().execute(() -> {
            endScheduled = false;
            while (mayRead() && holdsReads() && heldReads.peek() instanceof HeldEnd && !lifecycle.disconnecting()) {
                heldReads.poll().run();
            }
        });
    }

    private void inputEvent(ChannelHandlerContext context, Object event) {
        if (event instanceof ChannelInputShutdownEvent && tlsInbound != TlsClosePolicy.Inbound.HANDSHAKING) {
            tlsInputShutdown(context);
        } else if (event instanceof SslCloseCompletionEvent close && close.isSuccess()) {
            tlsCloseNotifyReceived(context);
        } else if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            tlsInbound = tlsInbound.handshakeCompleted();
            applyReadPause(); // output written before the handshake may now hold reading back
        } else if (event instanceof ChannelInputShutdownEvent) {
            peerShutItsWriting(context);
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            if (closeReason == null) {
                closeReason = Failure.of(new ConnectionLost("TLS handshake failed: "
                        + handshake.cause().getMessage(), handshake.cause()));
            }
            log.debug("TLS handshake failed on {}", this, handshake.cause());
        }
    }

    /** The peer's FIN: a half-closeable protocol hears it and may go on writing; otherwise the connection closes. */
    private void peerShutItsWriting(ChannelHandlerContext context) {
        if (!(protocol instanceof HalfCloseableProtocol halfCloseable) || lifecycle.disconnecting()) {
            context.close();
            return;
        }
        Lifecycle before = lifecycle;
        lifecycle = before == Lifecycle.OPEN ? Lifecycle.READ_SHUT : Lifecycle.CLOSING;
        try {
            halfCloseable.readConnectionLost();
        } catch (RuntimeException e) {
            protocolFailed("readConnectionLost", e);
            return;
        }
        if (before == Lifecycle.WRITE_SHUT) {
            context.close(); // both directions are done; a shutdown still flushing closes itself
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (lifecycle == Lifecycle.CLOSED || lifecycle.disconnecting() && closeReason != null) {
            return;
        }
        if (closeReason == null) {
            closeReason = Failure.of(new ConnectionLost(String.valueOf(cause.getMessage()), cause));
        }
        log.debug("Connection {} failed", this, cause);
        context.close();
    }

    /**
     * Backpressure: above the channel's high-water mark of unwritten bytes, stop reading from the
     * peer and pause a streaming producer; below the low-water mark, resume both (reading only if
     * the protocol has not paused it too).
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        boolean writable = channel.isWritable();
        if (!writable && !readPause.forOutput()) {
            readPause = readPause.outputFull();
            applyReadPause();
            if (producer instanceof PushProducer push && streamingProducer) {
                push.pauseProducing();
            }
        } else if (writable && readPause.forOutput()) {
            readPause = readPause.outputDrained();
            if (producer instanceof PushProducer push && streamingProducer) {
                push.resumeProducing();
            }
            applyReadPause();
        }
        if (writable && producer != null && !streamingProducer) {
            schedulePull();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        boolean closingLocally = lifecycle == Lifecycle.CLOSING || lifecycle == Lifecycle.ABORTING;
        if (!closingLocally) {
            deliverHeldReads();
        }
        lifecycle = Lifecycle.CLOSED;
        cancelTimers();
        heldReads = null;
        reactor.untrack(this);
        if (closeReason == null && isSecure() && TlsClosePolicy.isTruncation(tlsInbound, closingLocally)) {
            closeReason = TlsClosePolicy.truncation(getPeer(), null);
        }
        Failure reason = closeReason != null ? closeReason : CONNECTION_DONE;
        Producer current = producer;
        producer = null;
        if (current != null) {
            try {
                current.stopProducing();
            } catch (RuntimeException e) {
                log.error("Producer {} failed to stop on {}", current, this, e);
            }
        }
        if (protocol != null) {
            try {
                protocol.notifyConnectionLost(reason);
            } catch (RuntimeException e) {
                log.error("Protocol {} failed in connectionLost on {}", protocol, this, e);
            }
        }
        if (onLost != null) {
            onLost.accept(reason);
        }
    }

    /** An exception from a protocol callback: log it with the connection, and close that connection only. */
    private void protocolFailed(String callback, RuntimeException e) {
        log.error("Protocol {} raised in {} on {}; closing the connection", protocol, callback, this, e);
        if (closeReason == null) {
            closeReason = Failure.of(new ConnectionLost("protocol raised in " + callback + ": " + e, e));
        }
        abortNow();
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(byte[] data) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> write(data));
            return;
        }
        if (!lifecycle.writable() || data.length == 0) {
            return;
        }
        ctx.write(Unpooled.wrappedBuffer(data), ctx.voidPromise());
        scheduleFlush();
    }

    /**
     * Copies the buffer's remaining bytes once, into a pooled direct buffer (the kind the socket
     * writes from), with no {@code byte[]} in between. The view of the read under way, written
     * during {@code bufferReceived} (an echo, or a proxy writing to another connection of this
     * reactor), is sent as a retained slice of Netty's buffer: no copy at all, and safe, as the
     * protocol cannot change a read-only view.
     */
    @Override
    public void write(ByteBuffer data) {
        if (!channel.eventLoop().inEventLoop()) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            channel.eventLoop().execute(() -> write(copy));
            return;
        }
        if (!lifecycle.writable() || !data.hasRemaining()) {
            data.position(data.limit());
            return;
        }
        LentRead lent = reactor.lentRead();
        ByteBuf out;
        if (lent != null && lent.lent(data)) {
            out = lent.retainedSliceOfView();
        } else {
            out = ctx.alloc().directBuffer(data.remaining());
            out.writeBytes(data);
        }
        ctx.write(out, ctx.voidPromise());
        scheduleFlush();
    }

    /**
     * The core relay's fast path: what this connection reads goes to {@code peer}'s output as Netty
     * read it, with no {@code byte[]} in between, when both are on this event loop.
     */
    @Override
    public boolean relayReadsTo(Transport peer) {
        if (!(peer instanceof StreamConnection target) || !channel.eventLoop().inEventLoop()
                || target.channel.eventLoop() != channel.eventLoop()) {
            return false;
        }
        relayTarget = target;
        RelayWaterMark.applyTo(target.channel);
        return true;
    }

    /**
     * Writes a buffer another connection read (and hands over): the relay's fast path. What is
     * pending is flushed first when this buffer would take it over the high-water mark: a batch of
     * reads then crosses the mark only when the socket does not take the bytes, so the reading side
     * pauses for a slow peer, not after every few reads.
     */
    private void writeRelayed(ByteBuf buf) {
        if (!lifecycle.writable() || !buf.isReadable()) {
            buf.release();
            return;
        }
        if (unsentBytes() + buf.readableBytes() > channel.config().getWriteBufferHighWaterMark()) {
            flushNow();
        }
        ctx.write(buf, ctx.voidPromise());
        scheduleFlush();
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        for (byte[] piece : data) {
            write(piece);
        }
    }

    private void scheduleFlush() {
        switch (flush) {
            case IDLE -> {
                flush = FlushState.SCHEDULED;
                channel.eventLoop().execute(this);
            }
            case IN_READ -> flush = FlushState.IN_READ_PENDING;
            default -> {
                // already pending
            }
        }
    }

    /** The flush task: one flush for every write of this loop turn. */
    @Override
    public void run() {
        if (flush != FlushState.SCHEDULED) {
            return;
        }
        flush = FlushState.IDLE;
        flushNow();
    }

    private void flushNow() {
        ctx.flush();
        watchSending();
        if (producer != null && !streamingProducer && channel.isWritable()) {
            schedulePull();
        }
    }

    /** Drops a pending flush request: the close or shutdown that follows flushes itself. */
    private void forgetFlush() {
        flush = flush == FlushState.IN_READ_PENDING ? FlushState.IN_READ : flush == FlushState.SCHEDULED
                ? FlushState.IDLE : flush;
    }

    // ------------------------------------------------------------------ deadlines

    @Override
    public void setCloseTimeout(Duration timeout) {
        onLoop(() -> {
            closeTimeout = timeout;
            if (closeDeadline != null) {
                closeDeadline.cancel(false);
                closeDeadline = null;
                armCloseDeadline();
            }
        });
    }

    @Override
    public void setSendTimeout(Duration timeout) {
        onLoop(() -> {
            sendTimeout = timeout;
            if (sendWatch != null) {
                sendWatch.cancel(false);
                sendWatch = null;
            }
            watchSending();
        });
    }

    /**
     * The kernel's smoothed round-trip time on the epoll and io_uring loops (TCP only), read at
     * most every {@link KernelRoundTrip#REFRESH_NANOS}; empty on NIO and kqueue, for UNIX sockets,
     * before the first acknowledged segment and once the connection is closed.
     */
    @Override
    public Optional<Duration> roundTripTime() {
        if (roundTrip == null) {
            roundTrip = KernelRoundTrip.of(channel);
            if (roundTrip == null) {
                return Optional.empty();
            }
        }
        return roundTrip.get();
    }

    private void onLoop(Runnable action) {
        if (channel.eventLoop().inEventLoop()) {
            action.run();
        } else {
            channel.eventLoop().execute(action);
        }
    }

    private static boolean isOn(Duration timeout) {
        return timeout != null && !timeout.isZero() && !timeout.isNegative();
    }

    /** A close (or write shutdown) must be over within the close timeout, or the connection is aborted. */
    private void armCloseDeadline() {
        if (!isOn(closeTimeout) || closeDeadline != null || lifecycle == Lifecycle.CLOSED) {
            return;
        }
        Duration limit = closeTimeout;
        closeDeadline = channel.eventLoop().schedule(() -> closeDeadlinePassed(limit), limit.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void closeDeadlinePassed(Duration limit) {
        closeDeadline = null;
        if (lifecycle != Lifecycle.CLOSING && lifecycle != Lifecycle.WRITE_SHUTTING) {
            return;
        }
        long unsent = unsentBytes();
        log.info("Aborting the connection to {}: the peer did not take {} pending bytes within the close timeout of {}",
                getPeer(), unsent, limit);
        closeReason = Failure.of(new ConnectionAborted("close timeout: " + unsent
                + " bytes not taken by the peer within " + limit));
        abortNow();
    }

    /**
     * The send deadline: while output is pending, some of it must be taken by the peer within the
     * send timeout. Checked a few times per timeout, so a slow but steady reader is never cut.
     */
    private void watchSending() {
        if (sendWatch != null || !isOn(sendTimeout) || lifecycle == Lifecycle.CLOSED || unsentBytes() == 0) {
            return;
        }
        sendProgress = SendProgress.of(channel, System.nanoTime());
        long tick = Math.max(sendTimeout.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(10));
        sendWatch = channel.eventLoop().scheduleAtFixedRate(this::checkSending, tick, tick, TimeUnit.NANOSECONDS);
    }

    private void checkSending() {
        long now = System.nanoTime();
        if (lifecycle == Lifecycle.CLOSED || unsentBytes() == 0) {
            stopWatchingSending();
            return;
        }
        SendProgress seen = SendProgress.of(channel, now);
        if (seen.advancedFrom(sendProgress)) {
            sendProgress = seen;
            return;
        }
        sendProgress = sendProgress.withPending(seen.pending());
        Duration stalled = Duration.ofNanos(now - sendProgress.since());
        if (stalled.compareTo(sendTimeout) >= 0) {
            stopWatchingSending();
            long unsent = unsentBytes();
            log.info("Aborting the connection to {}: the peer took none of {} pending bytes within the send timeout of {}",
                    getPeer(), unsent, sendTimeout);
            closeReason = Failure.of(new ConnectionAborted("send timeout: the peer took none of " + unsent
                    + " pending bytes within " + sendTimeout));
            abortNow();
        }
    }

    private void stopWatchingSending() {
        if (sendWatch != null) {
            sendWatch.cancel(false);
            sendWatch = null;
        }
    }

    private void cancelTimers() {
        stopWatchingSending();
        if (closeDeadline != null) {
            closeDeadline.cancel(false);
            closeDeadline = null;
        }
    }

    /** Bytes written and not yet taken by the socket (encrypted size behind TLS). */
    long unsentBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void loseConnection() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::loseConnection);
            return;
        }
        if (lifecycle.disconnecting() || lifecycle == Lifecycle.OPENING) {
            return;
        }
        lifecycle = Lifecycle.CLOSING;
        forgetFlush();
        armCloseDeadline();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        watchSending();
    }

    @Override
    public void abortConnection() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::abortConnection);
            return;
        }
        if (lifecycle == Lifecycle.CLOSED) {
            return;
        }
        if (closeReason == null) {
            closeReason = Failure.of(new ConnectionAborted("Connection was aborted."));
        }
        abortNow();
    }

    private void abortNow() {
        if (lifecycle == Lifecycle.CLOSED) {
            return;
        }
        lifecycle = Lifecycle.ABORTING;
        forgetFlush();
        if (channel instanceof SocketChannel socket && socket.isActive()) {
            try {
                // Linger 0: the peer gets a reset at once and unsent data is dropped.
                socket.config().setSoLinger(0);
            } catch (RuntimeException e) {
                log.debug("could not set SO_LINGER on {}", this, e);
            }
        }
        channel.close();
    }

    @Override
    public void loseWriteConnection() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::loseWriteConnection);
            return;
        }
        if (!(channel instanceof DuplexChannel duplex) || lifecycle == Lifecycle.READ_SHUT) {
            loseConnection(); // no half-close here, or the peer's writing is over already: both are done
            return;
        }
        if (lifecycle != Lifecycle.OPEN) {
            return;
        }
        lifecycle = Lifecycle.WRITE_SHUTTING;
        forgetFlush();
        armCloseDeadline();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> sendTlsCloseNotify().addListener(sent ->
                duplex.shutdownOutput().addListener(done -> writeShutDown())));
        watchSending();
    }

    /** This side's FIN is out: everything written before it was sent. */
    private void writeShutDown() {
        if (closeDeadline != null) {
            closeDeadline.cancel(false);
            closeDeadline = null;
        }
        if (lifecycle == Lifecycle.WRITE_SHUTTING) {
            lifecycle = Lifecycle.WRITE_SHUT;
        } else if (lifecycle != Lifecycle.CLOSING) {
            return; // aborted or closed meanwhile
        }
        if (protocol instanceof HalfCloseableProtocol halfCloseable) {
            try {
                halfCloseable.writeConnectionLost();
            } catch (RuntimeException e) {
                protocolFailed("writeConnectionLost", e);
                return;
            }
        }
        if (lifecycle == Lifecycle.CLOSING) {
            channel.close(); // the peer's writing ended while ours was shutting down
        }
    }

    // ------------------------------------------------------------------ flow control

    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered on " + this);
        }
        if (lifecycle == Lifecycle.CLOSED) {
            newProducer.stopProducing();
            return;
        }
        producer = newProducer;
        streamingProducer = streaming;
        if (streaming && readPause.forOutput()) {
            ((PushProducer) newProducer).pauseProducing();
        } else if (!streaming) {
            schedulePull();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    private void schedulePull() {
        if (pullScheduled) {
            return;
        }
        pullScheduled = true;
        channel.eventLoop().execute(() -> {
            pullScheduled = false;
            if (producer instanceof PullProducer pull && !streamingProducer && lifecycle != Lifecycle.CLOSED
                    && channel.isWritable()) {
                try {
                    pull.resumeProducing();
                } catch (RuntimeException e) {
                    protocolFailed("resumeProducing of " + pull, e);
                }
            }
        });
    }

    /**
     * Stops reading from the peer (the transport as a push producer): no {@code dataReceived} comes
     * until {@link #resumeProducing()}, even for bytes Netty had already read, and no end of the
     * peer's writing either (unless the connection closes meanwhile).
     */
    @Override
    public void pauseProducing() {
        onLoop(() -> {
            readPause = readPause.protocolPaused();
            applyReadPause();
        });
    }

    /** Reads from the peer again, unless the unwritten output holds reading paused; what was held comes first. */
    @Override
    public void resumeProducing() {
        onLoop(() -> {
            readPause = readPause.protocolResumed();
            applyReadPause();
        });
    }

    /** Sets the channel's reading to the pause state, handing over held reads first when it reads again. */
    private void applyReadPause() {
        boolean insideRead = flush == FlushState.IN_READ || flush == FlushState.IN_READ_PENDING;
        while (mayRead() && holdsReads() && !lifecycle.disconnecting()) {
            if (heldReads.peek() instanceof HeldEnd) {
                scheduleHeldEnd();
                break;
            }
            heldReads.poll().run();
            if (insideRead) {
                continue; // the read under way flushes once it completes
            }
            if (flush == FlushState.IN_READ_PENDING) {
                // Not flushed here: this may run inside a flush (writability came back), where
                // Netty ignores a nested flush. The flush task runs at the end of this loop turn.
                flush = FlushState.IDLE;
                scheduleFlush();
            } else if (flush == FlushState.IN_READ) {
                flush = FlushState.IDLE;
            }
        }
        channel.config().setAutoRead(mayRead());
    }

    /**
     * Whether to read now: not while the protocol paused reading, nor (accepted connections) while
     * the output is full. A TLS handshake in progress is read even then: what this side wrote waits
     * in the TLS layer for the handshake, which cannot end without the peer's next flight.
     */
    private boolean mayRead() {
        return readPause == ReadPause.READING
                || readPause == ReadPause.FOR_OUTPUT && (!accepted || handshaking());
    }

    private boolean handshaking() {
        return tlsInbound == TlsClosePolicy.Inbound.HANDSHAKING && isSecure();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ------------------------------------------------------------------ TLS

    @Override
    public void startTLS(TlsOptions options) {
        if (sslHandler() != null) {
            throw new IllegalStateException("TLS is already on for " + this);
        }
        // What was written before goes out in the clear, ahead of the handshake.
        if (flush == FlushState.SCHEDULED || flush == FlushState.IN_READ_PENDING) {
            flush = flush == FlushState.SCHEDULED ? FlushState.IDLE : FlushState.IN_READ;
            flushNow();
        }
        String peerHost = null;
        int peerPort = -1;
        if (channel.remoteAddress() instanceof InetSocketAddress inet) {
            peerHost = inet.getHostString();
            peerPort = inet.getPort();
        }
        SslHandler handler = new SslHandler(options.createEngine(peerHost, peerPort));
        channel.pipeline().addBefore(ctx.name(), "tls", handler);
        if (!options.isClient()) {
            channel.pipeline().addBefore("tls", RenegotiationRefusal.NAME, new RenegotiationRefusal());
        }
    }

    /**
     * TLS's half-close: the close_notify that must precede the end of this side's writing (RFC 8446
     * 6.1), so the peer sees a clean end and not a truncation. Completes at once without TLS.
     */
    private ChannelFuture sendTlsCloseNotify() {
        SslHandler handler = sslHandler();
        return handler == null || !channel.isActive() ? channel.newSucceededFuture() : handler.closeOutbound();
    }

    /**
     * The peer's close_notify: the clean end of its writing. A half-closeable protocol hears
     * {@code readConnectionLost} when this side has shut its writing already, or may go on writing:
     * TLS 1.3 only, as TLS 1.2 has no half-close (the engine has queued its own close_notify in
     * answer). Otherwise, or once both directions are done, the connection closes, cleanly.
     */
    private void tlsCloseNotifyReceived(ChannelHandlerContext context) {
        tlsInbound = tlsInbound.closeNotifyReceived();
        SslHandler handler = sslHandler();
        TlsClosePolicy.OnCloseNotify answer = handler == null ? TlsClosePolicy.OnCloseNotify.CLOSE
                : TlsClosePolicy.onCloseNotify(protocol instanceof HalfCloseableProtocol,
                        lifecycle.disconnecting() || lifecycle == Lifecycle.OPENING,
                        lifecycle == Lifecycle.WRITE_SHUTTING || lifecycle == Lifecycle.WRITE_SHUT,
                        handler.engine().getSession().getProtocol(), handler.engine().isOutboundDone());
        if (answer == TlsClosePolicy.OnCloseNotify.CLOSE) {
            context.close();
            return;
        }
        peerShutItsWriting(context);
    }

    /**
     * The peer's TCP FIN on a TLS connection: after its close_notify the expected end of its
     * writing; without it, the data may have been cut short, and the connection closes as lost.
     */
    private void tlsInputShutdown(ChannelHandlerContext context) {
        if (tlsInbound != TlsClosePolicy.Inbound.CLOSE_NOTIFY_RECEIVED) {
            if (closeReason == null && TlsClosePolicy.isTruncation(tlsInbound, lifecycle.disconnecting())) {
                closeReason = TlsClosePolicy.truncation(getPeer(), null);
            }
            context.close();
        } else if (lifecycle == Lifecycle.WRITE_SHUT || lifecycle == Lifecycle.CLOSING) {
            context.close();
        }
    }

    private SslHandler sslHandler() {
        return channel.pipeline().get(SslHandler.class);
    }

    @Override
    public boolean isSecure() {
        return sslHandler() != null;
    }

    @Override
    public SSLSession tlsSession() {
        SslHandler handler = sslHandler();
        return handler == null || !handler.handshakeFuture().isSuccess() ? null : handler.engine().getSession();
    }

    @Override
    public String applicationProtocol() {
        SslHandler handler = sslHandler();
        if (handler == null) {
            return null;
        }
        // Ask the JDK engine directly: Netty's accessor only knows its own engine wrappers.
        String negotiated = handler.engine().getApplicationProtocol();
        return negotiated == null || negotiated.isEmpty() ? null : negotiated;
    }

    @Override
    public List<Certificate> peerCertificates() {
        SSLSession session = tlsSession();
        if (session == null) {
            return List.of();
        }
        try {
            return List.of(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ files

    @Override
    public Deferred<Long> sendFile(FileChannel file, long offset, long length) {
        Deferred<Long> done = new Deferred<>();
        if (!lifecycle.writable()) {
            done.errback(new ConnectionDone("the connection is closing"));
            return done;
        }
        forgetFlush();
        Object message;
        if (sslHandler() == null) {
            message = new DefaultFileRegion(file, offset, length);
        } else {
            // Encryption needs the bytes in memory: read the file in chunks, with back-pressure.
            if (channel.pipeline().get(ChunkedWriteHandler.class) == null) {
                channel.pipeline().addBefore(ctx.name(), "chunked", new ChunkedWriteHandler());
            }
            try {
                message = new ChunkedNioFile(file, offset, length, 64 * 1024);
            } catch (IOException e) {
                done.errback(e);
                return done;
            }
        }
        ChannelFuture sent = ctx.writeAndFlush(message);
        watchSending();
        sent.addListener(future -> {
            if (future.isSuccess()) {
                done.callback(length);
            } else {
                done.errback(new ConnectionLost("sending the file failed: " + future.cause(), future.cause()));
            }
        });
        return done;
    }

    @Override
    public Deferred<Long> sendFile(Path path) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        return sendFile(file, 0, file.size());
    }

    @Override
    public boolean isDisconnecting() {
        return lifecycle.disconnecting();
    }

    // ------------------------------------------------------------------ addresses

    @Override
    public Address getHost() {
        return Addresses.of(channel.localAddress(), SocketType.TCP);
    }

    @Override
    public Address getPeer() {
        return Addresses.of(channel.remoteAddress(), SocketType.TCP);
    }

    @Override
    public UnixCredentials peerCredentials() {
        if (!channel.isActive()) {
            return null;
        }
        try {
            PeerCredentials credentials;
            if (channel instanceof EpollDomainSocketChannel epoll) {
                credentials = epoll.peerCredentials();
            } else if (channel instanceof IoUringDomainSocketChannel uring) {
                credentials = uring.peerCredentials();
            } else if (channel instanceof KQueueDomainSocketChannel kqueue) {
                credentials = kqueue.peerCredentials();
            } else {
                return null;
            }
            int[] gids = credentials.gids();
            return new UnixCredentials(credentials.pid(), credentials.uid(), gids.length > 0 ? gids[0] : -1);
        } catch (IOException e) {
            log.debug("cannot read peer credentials of {}", this, e);
            return null;
        }
    }

    /** The Netty channel, for the reactor's own use (peer credentials, shutdown). */
    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "Connection(" + (channel == null ? "unbound" : channel.localAddress() + " <-> " + channel.remoteAddress())
                + ")";
    }
}
