package dev.torsion.netty.endpoints;

/** Parses {@code ssl:} server descriptions: the same as {@link TlsServerEndpointParser}, under Twisted's name. */
public final class SslServerEndpointParser extends TlsServerEndpointParser {
    @Override
    public String prefix() {
        return "ssl";
    }
}
