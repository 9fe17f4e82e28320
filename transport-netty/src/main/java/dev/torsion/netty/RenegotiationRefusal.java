package dev.torsion.netty;

import dev.torsion.tls.RenegotiationGuard;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of a server's {@code SslHandler} and closes the connection when the client tries
 * to renegotiate (TLS 1.2), as nginx does: the decision is core's {@link RenegotiationGuard}, the
 * same one {@code TlsProtocol} uses, so both TLS paths refuse alike.
 */
final class RenegotiationRefusal extends ChannelInboundHandlerAdapter {
    static final String NAME = "tls-renegotiation-refusal";
    private static final Logger log = LoggerFactory.getLogger(RenegotiationRefusal.class);

    private final RenegotiationGuard guard = new RenegotiationGuard();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && !guard.accept(buf.nioBuffer(buf.readerIndex(), buf.readableBytes()))) {
            ReferenceCountUtil.release(msg);
            log.info("Refusing a client-initiated TLS renegotiation from {}: closing the connection",
                    ctx.channel().remoteAddress());
            ctx.fireExceptionCaught(new SSLHandshakeException("client-initiated TLS renegotiation refused"));
            ctx.close();
            return;
        }
        if (guard.refused()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
