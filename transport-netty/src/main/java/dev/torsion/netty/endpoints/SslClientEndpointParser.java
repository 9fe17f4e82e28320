package dev.torsion.netty.endpoints;

/** Parses {@code ssl:} client descriptions: the same as {@link TlsClientEndpointParser}, under Twisted's older name. */
public final class SslClientEndpointParser extends TlsClientEndpointParser {
    @Override
    public String prefix() {
        return "ssl";
    }
}
