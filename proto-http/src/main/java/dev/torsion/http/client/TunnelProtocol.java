package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.http.parse.ParserLimits;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.nio.charset.StandardCharsets;

/**
 * Opens a {@code CONNECT} tunnel through an HTTP proxy to {@code host:port}, then runs TLS and the
 * HTTP connection inside it: the proxy sees only the host name and encrypted bytes.
 */
final class TunnelProtocol extends Protocol {
    private final String authority;
    private final TlsOptions tls;
    private final Protocol inner;
    private final Deferred<Void> established = new Deferred<>();
    private final HttpMessageParser parser = HttpMessageParser.forResponses(ParserLimits.DEFAULT);
    private TlsProtocol tlsLayer;

    TunnelProtocol(String host, int port, TlsOptions tls, Protocol inner) {
        this.authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.tls = tls;
        this.inner = inner;
    }

    /** Fires once the tunnel is up and TLS has started inside it; fails when the proxy refuses. */
    Deferred<Void> established() {
        return established;
    }

    @Override
    public void connectionMade() {
        transport().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void dataReceived(byte[] data) {
        if (tlsLayer != null) {
            tlsLayer.dataReceived(data);
            return;
        }
        parser.feed(data);
        try {
            HttpMessageParser.Event event;
            while ((event = parser.next()) != HttpMessageParser.Event.NEED_DATA) {
                if (event == HttpMessageParser.Event.HEAD) {
                    int status = parser.head().status();
                    if (status / 100 == 1) {
                        continue;
                    }
                    if (status / 100 != 2) {
                        fail("the proxy refused the tunnel to " + authority + ": " + status + " " + parser.head().reason());
                        return;
                    }
                    parser.expectNoBody();
                    parser.next();
                    startTls();
                    return;
                }
            }
        } catch (HttpParseException e) {
            fail("bad answer from the proxy: " + e.getMessage());
        }
    }

    private void startTls() {
        tlsLayer = new TlsProtocol(tls, inner);
        tlsLayer.makeConnection(transport());
        established.callback(null);
    }

    private void fail(String message) {
        transport().loseConnection();
        if (!established.isCalled()) {
            established.errback(new ConnectError(message));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (tlsLayer != null) {
            tlsLayer.notifyConnectionLost(reason);
        } else if (!established.isCalled()) {
            established.errback(new ConnectError("the proxy closed the connection before the tunnel was up"));
        }
    }
}
