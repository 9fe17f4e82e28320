package dev.torsion.benchmarks.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: a raw Netty server with {@code HttpServerCodec}, one event-loop thread of the same
 * kind as the reactor's, answering {@code /hello} with 13 bytes, {@code /static/big.bin} with a
 * {@link DefaultFileRegion} (sendfile), and {@code /upload} (any method with a body) with the
 * number of body bytes it counted, without aggregating the body.
 */
final class RawNettyHttpServer implements AutoCloseable {
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup group;
    private final Channel server;

    /** Listens on a free port of 127.0.0.1; {@code bigFile} null: {@code /static/} is not served. */
    RawNettyHttpServer(boolean epoll, File bigFile) throws InterruptedException {
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, handlers);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Handler(bigFile));
                    }
                });
        server = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Its one-thread event loop, for a {@link RawNettyProxy} to share as Torsion's proxy shares the reactor. */
    EventLoopGroup eventLoop() {
        return group;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    /** One per connection: it remembers the upload being counted between the codec's messages. */
    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private final File bigFile;
        private boolean counting;
        private boolean uploadKeepAlive;
        private long counted;

        Handler(File bigFile) {
            this.bigFile = bigFile;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) throws IOException {
            if (message instanceof HttpRequest request && request.uri().startsWith("/upload")) {
                counting = true;
                uploadKeepAlive = HttpUtil.isKeepAlive(request);
                counted = 0;
            }
            if (counting) {
                countUpload(ctx, message);
                return;
            }
            if (!(message instanceof HttpRequest request)) {
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (bigFile != null && request.uri().startsWith("/static/")) {
                RandomAccessFile file = new RandomAccessFile(bigFile, "r");
                long length = file.length();
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length)
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
                ctx.write(head);
                ctx.write(new DefaultFileRegion(file.getChannel(), 0, length));
                var last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    last.addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(HELLO));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length);
            if (keepAlive) {
                ctx.write(response);
            } else {
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** Adds each piece's size; at the last one answers the total as decimal text. */
        private void countUpload(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpContent content) {
                counted += content.content().readableBytes();
            }
            if (!(message instanceof LastHttpContent)) {
                return;
            }
            counting = false;
            byte[] answer = (counted + "\n").getBytes(StandardCharsets.US_ASCII);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(answer));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length);
            if (uploadKeepAlive) {
                ctx.write(response);
            } else {
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
