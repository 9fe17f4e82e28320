package dev.torsion.benchmarks.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The proxied upload's baseline: a raw Netty streaming HTTP reverse proxy. {@code HttpServerCodec}
 * on the front; each front connection gets one backend connection ({@code HttpClientCodec}, kept
 * alive for all its requests), opened when the front one is accepted, with the front's reads held
 * until it is up. The request head, its {@code HttpContent} pieces and the {@code LastHttpContent}
 * are written to the backend as they are decoded (no aggregation); while the backend channel is
 * not writable the front stops reading ({@code autoRead} false) until its writability returns. The
 * backend's answer (status, headers, body) is relayed to the front the same way. It runs on the
 * event loop it is given, so proxy and backend can share one thread as Torsion's do.
 */
final class RawNettyProxy implements AutoCloseable {
    private final Channel server;

    /**
     * Listens on a free port of 127.0.0.1 and forwards every request to 127.0.0.1:{@code backendPort}.
     *
     * @param group the event loop (one thread) for the front and backend channels
     * @param epoll epoll channels if true, NIO ones otherwise (must match {@code group})
     */
    RawNettyProxy(EventLoopGroup group, boolean epoll, int backendPort) throws InterruptedException {
        InetSocketAddress backend = new InetSocketAddress("127.0.0.1", backendPort);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                // Reads start once the backend connection is up (Front.channelActive).
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Front(backend, epoll));
                    }
                });
        server = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** The client side of one front connection: forwards what it decodes to its backend connection. */
    private static final class Front extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress backendAddress;
        private final boolean epoll;
        private Channel backend;
        private boolean keepAlive = true;

        Front(InetSocketAddress backendAddress, boolean epoll) {
            this.backendAddress = backendAddress;
            this.epoll = epoll;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel front = ctx.channel();
            ChannelFuture connected = new Bootstrap()
                    .group(front.eventLoop())
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new Back(front));
                        }
                    })
                    .connect(backendAddress);
            backend = connected.channel();
            connected.addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    front.config().setAutoRead(true);
                } else {
                    front.close();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest request) {
                keepAlive = HttpUtil.isKeepAlive(request);
                // The backend connection is this proxy's own, kept alive whatever the client asked.
                request.headers().remove(HttpHeaderNames.CONNECTION)
                        .set(HttpHeaderNames.HOST, backendAddress.getHostString() + ":" + backendAddress.getPort())
                        .add("X-Forwarded-For", ((InetSocketAddress) ctx.channel().remoteAddress()).getHostString());
                HttpUtil.setKeepAlive(request, true);
            }
            backend.write(message);
            if (!backend.isWritable()) {
                // Backpressure: Back.channelWritabilityChanged turns reading back on.
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            backend.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            backend.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The backend side: relays the answer to the front and resumes the front's reads. */
        private final class Back extends ChannelInboundHandlerAdapter {
            private final Channel front;

            Back(Channel front) {
                this.front = front;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (!front.isActive()) {
                    ReferenceCountUtil.release(message);
                    return;
                }
                if (message instanceof LastHttpContent) {
                    ChannelFuture written = front.writeAndFlush(message);
                    if (!keepAlive) {
                        written.addListener(ChannelFutureListener.CLOSE);
                    }
                } else {
                    front.write(message);
                }
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                front.flush();
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                    front.config().setAutoRead(true);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                front.close();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }
    }
}
