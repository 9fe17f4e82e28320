package dev.torsion.socks.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.error.ConnectError;
import java.util.Objects;

/**
 * Connects to {@code host:port} through a SOCKS proxy reached by any other endpoint (TCP, TLS,
 * UNIX, another SOCKS endpoint): Twisted's txsocksx endpoints. The name is resolved by the proxy.
 * The Deferred fires with the application's protocol once the proxy has connected it, or fails
 * with the proxy's {@link ConnectError} or a {@link SocksConnectError}. String forms:
 * {@code socks5:PROXYHOST:PROXYPORT:tcp:HOST:PORT[:user=U:password=P]} and
 * {@code socks4a:PROXYHOST:PROXYPORT:tcp:HOST:PORT[:user=U]}.
 */
public final class SocksClientEndpoint implements ClientEndpoint {
    private final ClientEndpoint proxy;
    private final SocksVersion version;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    /**
     * An endpoint to {@code host:port} through the proxy at {@code proxy}.
     *
     * @param user the SOCKS5 user (RFC 1929) or SOCKS4a USERID, or null
     * @param password the SOCKS5 password, or null
     */
    public SocksClientEndpoint(ClientEndpoint proxy, SocksVersion version, String host, int port, String user, String password) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.version = Objects.requireNonNull(version, "version");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.user = user;
        this.password = password;
        new SocksClientHandshake(version, host, port, user, password); // checks the arguments now
    }

    @Override
    public Deferred<Protocol> connect(ProtocolFactory factory) {
        Attempt attempt = new Attempt();
        Deferred<Protocol> result = new Deferred<>(cancelled -> attempt.cancel());
        attempt.proxyConnection = proxy.connect(address -> {
            Protocol inner = factory.buildProtocol(address);
            if (inner == null) {
                result.errback(new ConnectError("the protocol factory refused the connection to " + host + ":" + port));
                return null;
            }
            attempt.socks = new SocksClientProtocol(new SocksClientHandshake(version, host, port, user, password), inner, result);
            return attempt.socks;
        });
        attempt.proxyConnection.addErrback(failure -> {
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
    }

    /** One connection attempt, for cancelling it: before the proxy answers TCP, or during the SOCKS handshake. */
    private static final class Attempt {
        Deferred<Protocol> proxyConnection;
        SocksClientProtocol socks;

        void cancel() {
            if (socks != null && socks.transport() != null) {
                socks.transport().abortConnection();
            } else if (proxyConnection != null) {
                proxyConnection.cancel();
            }
        }
    }

    /** The destination's host, as sent to the proxy. */
    public String host() {
        return host;
    }

    /** The destination's port. */
    public int port() {
        return port;
    }
}
