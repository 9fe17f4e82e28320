package dev.torsion.netty;

import dev.torsion.tls.TlsOptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the client's hello, picks the server's {@link TlsOptions} by the host name the client asks
 * for (SNI), and replaces itself with an {@link SslHandler} made from those options. Names match
 * exactly or by one leading wildcard label ({@code *.example.org}); anything else gets the default.
 */
final class SniTlsHandler extends AbstractSniHandler<TlsOptions> {
    private final TlsOptions fallback;
    private final Map<String, TlsOptions> byHostname;

    SniTlsHandler(TlsOptions fallback, Map<String, TlsOptions> byHostname) {
        this.fallback = fallback;
        this.byHostname = byHostname;
    }

    /** The options for {@code hostname} (null when the client sent none). */
    TlsOptions select(String hostname) {
        if (hostname == null) {
            return fallback;
        }
        String name = hostname.toLowerCase(Locale.ROOT);
        TlsOptions exact = byHostname.get(name);
        if (exact != null) {
            return exact;
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            TlsOptions wildcard = byHostname.get("*" + name.substring(dot));
            if (wildcard != null) {
                return wildcard;
            }
        }
        return fallback;
    }

    @Override
    protected Future<TlsOptions> lookup(ChannelHandlerContext ctx, String hostname) {
        return ctx.executor().newSucceededFuture(select(hostname));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<TlsOptions> future) {
        TlsOptions options = future.isSuccess() ? future.getNow() : fallback;
        SslHandler handler = new SslHandler(options.createEngine(null, -1));
        ctx.pipeline().replace(this, "tls", handler);
    }
}
