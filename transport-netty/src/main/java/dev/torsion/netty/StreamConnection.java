package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
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
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream connection (TCP or UNIX, clear or TLS): the last handler of its channel's pipeline and
 * the {@link dev.torsion.internet.Transport} its protocol writes to. Netty is never visible to the
 * protocol: bytes arrive as {@code byte[]} and every callback runs on the reactor thread.
 *
 * <p><b>Write coalescing.</b> {@link #write} hands the bytes to Netty without flushing. While the
 * loop is delivering a read, the flush happens once in {@link #channelReadComplete}; a write from
 * anywhere else (a timer, {@code callFromThread}, {@code connectionMade}) schedules one flush task
 * for the end of the current loop turn. Either way a protocol's many small writes cost one system
 * call.
 */
final class StreamConnection extends ChannelInboundHandlerAdapter
        implements TlsCapableTransport, HalfCloseableTransport, FileSendingTransport, TlsConnectionInfo,
        PeerCredentialsTransport, Runnable {
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
    private Protocol protocol;
    private ChannelHandlerContext ctx;
    private Channel channel;

    private boolean inRead;
    private boolean flushPending;
    private boolean disconnecting;
    private boolean closed;
    private boolean readShutdown;
    private boolean writeShutdown;
    /** Set once the output is really shut down: everything written before it has been sent. */
    private boolean writeClosed;
    private Failure closeReason;
    /** TLS: the handshake completed, so an end without the peer's close_notify may be a truncation. */
    private boolean tlsHandshakeDone;
    /** TLS: the peer's close_notify came (a clean end of its writing). */
    private boolean tlsCloseNotifyReceived;

    private Producer producer;
    private boolean streamingProducer;
    private boolean producerPausedByUs;
    private boolean pullScheduled;

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
            context.close();
            return;
        }
        if (built == null) {
            // The factory refused the connection.
            closeReason = Failure.of(new ConnectionDone("refused by the protocol factory"));
            context.close();
            return;
        }
        protocol = built;
        if (protocol instanceof HalfCloseableProtocol && channel instanceof DuplexChannel) {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException e) {
            protocolFailed("connectionMade", e);
            return;
        }
        if (onMade != null && !closed) {
            onMade.accept(protocol);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] data;
        try {
            data = new byte[buf.readableBytes()];
            buf.readBytes(data);
        } finally {
            buf.release();
        }
        if (protocol == null || disconnecting || closed || data.length == 0) {
            return;
        }
        inRead = true;
        try {
            protocol.dataReceived(data);
        } catch (RuntimeException e) {
            protocolFailed("dataReceived", e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        inRead = false;
        if (flushPending) {
            run();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof ChannelInputShutdownEvent && tlsHandshakeDone) {
            tlsInputShutdown(context);
        } else if (event instanceof SslCloseCompletionEvent close && close.isSuccess()) {
            tlsCloseNotifyReceived(context);
        } else if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            tlsHandshakeDone = true;
        } else if (event instanceof ChannelInputShutdownEvent) {
            readShutdown = true;
            if (protocol instanceof HalfCloseableProtocol halfCloseable) {
                try {
                    halfCloseable.readConnectionLost();
                } catch (RuntimeException e) {
                    protocolFailed("readConnectionLost", e);
                    return;
                }
                if (writeClosed) {
                    context.close(); // both directions are done; a shutdown still flushing closes itself
                }
            } else {
                context.close();
            }
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            if (closeReason == null) {
                closeReason = Failure.of(new ConnectionLost("TLS handshake failed: "
                        + handshake.cause().getMessage(), handshake.cause()));
            }
            log.debug("TLS handshake failed on {}", this, handshake.cause());
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (closed || disconnecting && closeReason != null) {
            return;
        }
        if (closeReason == null) {
            closeReason = Failure.of(new ConnectionLost(String.valueOf(cause.getMessage()), cause));
        }
        log.debug("Connection {} failed", this, cause);
        context.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        Producer current = producer;
        if (current == null) {
            return;
        }
        boolean writable = channel.isWritable();
        if (streamingProducer) {
            if (!writable && !producerPausedByUs) {
                producerPausedByUs = true;
                ((PushProducer) current).pauseProducing();
            } else if (writable && producerPausedByUs) {
                producerPausedByUs = false;
                ((PushProducer) current).resumeProducing();
            }
        } else if (writable) {
            schedulePull();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closed = true;
        reactor.untrack(this);
        if (tlsHandshakeDone && !tlsCloseNotifyReceived && !disconnecting && closeReason == null) {
            closeReason = tlsTruncated();
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
        if (closed || disconnecting || writeShutdown || data.length == 0) {
            return;
        }
        ctx.write(Unpooled.wrappedBuffer(data), ctx.voidPromise());
        scheduleFlush();
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        for (byte[] piece : data) {
            write(piece);
        }
    }

    private void scheduleFlush() {
        if (!flushPending) {
            flushPending = true;
            if (!inRead) {
                channel.eventLoop().execute(this);
            }
        }
    }

    /** The flush task: one flush for every write of this loop turn. */
    @Override
    public void run() {
        if (!flushPending) {
            return;
        }
        flushPending = false;
        ctx.flush();
        if (producer != null && !streamingProducer && channel.isWritable()) {
            schedulePull();
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void loseConnection() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::loseConnection);
            return;
        }
        if (closed || disconnecting) {
            return;
        }
        disconnecting = true;
        flushPending = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void abortConnection() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::abortConnection);
            return;
        }
        if (closed) {
            return;
        }
        if (closeReason == null) {
            closeReason = Failure.of(new ConnectionAborted("Connection was aborted."));
        }
        abortNow();
    }

    private void abortNow() {
        if (closed) {
            return;
        }
        disconnecting = true;
        flushPending = false;
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
        if (closed || writeShutdown) {
            return;
        }
        if (!(channel instanceof DuplexChannel duplex)) {
            loseConnection();
            return;
        }
        writeShutdown = true;
        flushPending = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> sendTlsCloseNotify().addListener(sent ->
                duplex.shutdownOutput().addListener(done -> {
            writeClosed = true;
            if (protocol instanceof HalfCloseableProtocol halfCloseable && !closed) {
                try {
                    halfCloseable.writeConnectionLost();
                } catch (RuntimeException e) {
                    protocolFailed("writeConnectionLost", e);
                    return;
                }
            }
            if (readShutdown) {
                channel.close();
            }
        })));
    }

    // ------------------------------------------------------------------ flow control

    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered on " + this);
        }
        if (closed) {
            newProducer.stopProducing();
            return;
        }
        producer = newProducer;
        streamingProducer = streaming;
        producerPausedByUs = false;
        if (streaming && !channel.isWritable()) {
            producerPausedByUs = true;
            ((PushProducer) newProducer).pauseProducing();
        } else if (!streaming) {
            schedulePull();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        producerPausedByUs = false;
    }

    private void schedulePull() {
        if (pullScheduled) {
            return;
        }
        pullScheduled = true;
        channel.eventLoop().execute(() -> {
            pullScheduled = false;
            if (producer instanceof PullProducer pull && !streamingProducer && !closed && channel.isWritable()) {
                try {
                    pull.resumeProducing();
                } catch (RuntimeException e) {
                    protocolFailed("resumeProducing of " + pull, e);
                }
            }
        });
    }

    /** Stops reading from the peer (the transport as a push producer). */
    @Override
    public void pauseProducing() {
        channel.config().setAutoRead(false);
    }

    /** Reads from the peer again. */
    @Override
    public void resumeProducing() {
        channel.config().setAutoRead(true);
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
        if (flushPending) {
            run();
        }
        String peerHost = null;
        int peerPort = -1;
        if (channel.remoteAddress() instanceof InetSocketAddress inet) {
            peerHost = inet.getHostString();
            peerPort = inet.getPort();
        }
        SslHandler handler = new SslHandler(options.createEngine(peerHost, peerPort));
        channel.pipeline().addBefore(ctx.name(), "tls", handler);
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
        tlsCloseNotifyReceived = true;
        SslHandler handler = sslHandler();
        boolean canGoOnWriting = handler != null && !handler.engine().isOutboundDone()
                && "TLSv1.3".equals(handler.engine().getSession().getProtocol());
        if (!(protocol instanceof HalfCloseableProtocol halfCloseable) || !(writeShutdown || canGoOnWriting)
                || closed || disconnecting) {
            context.close();
            return;
        }
        readShutdown = true;
        try {
            halfCloseable.readConnectionLost();
        } catch (RuntimeException e) {
            protocolFailed("readConnectionLost", e);
            return;
        }
        if (writeClosed) {
            context.close(); // both directions are done; a shutdown still under way closes itself
        }
    }

    /**
     * The peer's TCP FIN on a TLS connection: after its close_notify the expected end of its
     * writing; without it, the data may have been cut short, and the connection closes as lost.
     */
    private void tlsInputShutdown(ChannelHandlerContext context) {
        readShutdown = true;
        if (!tlsCloseNotifyReceived) {
            if (closeReason == null && !disconnecting) {
                closeReason = tlsTruncated();
            }
            context.close();
        } else if (writeClosed) {
            context.close();
        }
    }

    private Failure tlsTruncated() {
        return Failure.of(new ConnectionLost("the connection to " + getPeer()
                + " ended without a TLS close_notify (the data may be truncated)"));
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
        if (closed || disconnecting) {
            done.errback(new ConnectionDone("the connection is closing"));
            return done;
        }
        flushPending = false;
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
        ctx.writeAndFlush(message).addListener(future -> {
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
        return disconnecting || closed;
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
