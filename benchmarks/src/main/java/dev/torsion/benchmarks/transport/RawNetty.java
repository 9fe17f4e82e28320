package dev.torsion.benchmarks.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;

/** The raw Netty side of the benchmarks: loops, channel classes and the baseline echo server. */
final class RawNetty {
    private RawNetty() {
    }

    static IoHandlerFactory ioHandler(String kind) {
        return kind.equals("epoll") ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverChannel(String kind) {
        return kind.equals("epoll") ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannel(String kind) {
        return kind.equals("epoll") ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** A group of one loop thread, as one Torsion reactor has. */
    static MultiThreadIoEventLoopGroup oneLoop(String kind) {
        return new MultiThreadIoEventLoopGroup(1, ioHandler(kind));
    }

    /** Netty's canonical echo handler: write back what was read, flush once per read burst. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        static final EchoHandler INSTANCE = new EchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // as Torsion does: a reset peer closes the connection without a log storm
        }
    }

    /**
     * A raw Netty echo that pays the same copies as Torsion's byte[] contract (into a heap array,
     * and back out through a wrapped buffer): separates the cost of that contract from the rest.
     */
    @ChannelHandler.Sharable
    static final class CopyingEchoHandler extends ChannelInboundHandlerAdapter {
        static final CopyingEchoHandler INSTANCE = new CopyingEchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] data = new byte[buf.readableBytes()];
            buf.readBytes(data);
            buf.release();
            ctx.write(Unpooled.wrappedBuffer(data), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Does nothing: the baseline for idle connections. */
    @ChannelHandler.Sharable
    static final class IdleHandler extends ChannelInboundHandlerAdapter {
        static final IdleHandler INSTANCE = new IdleHandler();
    }

    /** Starts a server on its own one-thread group with {@code handler}; returns the bound channel. */
    static Channel listen(MultiThreadIoEventLoopGroup group, String kind, ChannelHandler handler, int backlog) {
        return new ServerBootstrap().group(group).channel(serverChannel(kind))
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(handler)
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
