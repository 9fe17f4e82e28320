package example.tlsecho;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.NettyReactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends one message to a {@link TlsEchoServer} and waits for it to come back. It connects through
 * a {@code tls:} endpoint string that trusts the server's certificate file and verifies the host
 * name {@code localhost}: a server with another certificate fails the handshake.
 */
public final class TlsEchoClient extends Protocol {
    private final byte[] message;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Deferred<byte[]> echoed = new Deferred<>();

    private TlsEchoClient(byte[] message) {
        this.message = message;
    }

    /**
     * Connects to the echo server on {@code port} of 127.0.0.1, trusting the certificate in
     * {@code caCert}, sends {@code message} and fires with what came back (as many bytes as were
     * sent). Call it on the reactor thread (or before the reactor runs).
     */
    public static Deferred<byte[]> echo(Reactor reactor, int port, Path caCert, byte[] message) {
        String description = "tls:host=127.0.0.1:port=" + port
                + ":caCerts=" + TlsEchoServer.escape(caCert)
                + ":hostname=localhost";
        TlsEchoClient client = new TlsEchoClient(message);
        return Endpoints.clientFromString(reactor, description).connect(address -> client)
                .addCallbackDeferred(connected -> client.echoed);
    }

    @Override
    public void connectionMade() {
        transport().write(message);
    }

    @Override
    public void dataReceived(byte[] data) {
        received.write(data, 0, data.length);
        if (received.size() >= message.length && !echoed.isCalled()) {
            transport().loseConnection();
            echoed.callback(received.toByteArray());
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!echoed.isCalled()) {
            echoed.errback(reason);
        }
    }

    /** Arguments: the server's port, its certificate file, the message. Prints the echo. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TlsEchoClient PORT CERT.pem MESSAGE");
            System.exit(2);
        }
        Reactor reactor = NettyReactor.create();
        int[] exitCode = {0};
        reactor.callWhenRunning(() -> echo(reactor, Integer.parseInt(args[0]), Path.of(args[1]),
                args[2].getBytes(StandardCharsets.UTF_8))
                .addCallbacks(bytes -> {
                    System.out.println(new String(bytes, StandardCharsets.UTF_8));
                    return null;
                }, failure -> {
                    System.err.println("echo failed: " + failure.getErrorMessage());
                    exitCode[0] = 1;
                    return null;
                })
                .addFinally(reactor::stop));
        reactor.run();
        System.exit(exitCode[0]);
    }
}
