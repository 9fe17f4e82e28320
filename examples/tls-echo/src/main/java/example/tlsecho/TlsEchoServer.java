package example.tlsecho;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An echo server over TLS. At start it makes a self-signed certificate for {@code localhost} and
 * writes it (with its key) as PEM files, then listens through an {@code ssl:} endpoint string
 * that names those files, exactly as a configuration file would.
 */
public final class TlsEchoServer {
    private TlsEchoServer() {
    }

    /** Writes back every byte it receives; TLS is the endpoint's business, not the protocol's. */
    public static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }
    }

    /**
     * Makes a certificate for localhost, writes {@code key.pem} and {@code cert.pem} into
     * {@code certDir}, and listens for TLS on {@code port} of 127.0.0.1 (0: any free port). Call it on
     * the reactor thread (or before the reactor runs).
     */
    public static Deferred<ListeningPort> listen(Reactor reactor, int port, Path certDir) throws IOException {
        SelfSignedCertificate.generate("localhost", "127.0.0.1").writeTo(certDir);
        String description = "ssl:" + port
                + ":privateKey=" + escape(certDir.resolve("key.pem"))
                + ":certKey=" + escape(certDir.resolve("cert.pem"))
                + ":interface=127.0.0.1";
        return Endpoints.serverFromString(reactor, description).listen(address -> new Echo());
    }

    /** Escapes a value for an endpoint string, where {@code :} separates arguments. */
    static String escape(Path value) {
        return value.toString().replace("\\", "\\\\").replace(":", "\\:");
    }

    /**
     * Serves on the port given as the first argument, 8443 by default, until interrupted. The
     * certificate goes to a fresh temporary directory, printed so that a client can trust it:
     * {@code TlsEchoClient 8443 DIR/cert.pem "hello"}.
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8443;
        Path certDir = Files.createTempDirectory("tls-echo");
        Reactor reactor = NettyReactor.create();
        reactor.callWhenRunning(() -> {
            try {
                listen(reactor, port, certDir).addCallbacks(listening -> {
                    System.out.println("TLS echo server on " + listening.getHost() + "; certificate: "
                            + certDir.resolve("cert.pem"));
                    return listening;
                }, failure -> {
                    System.err.println("cannot listen: " + failure.getErrorMessage());
                    reactor.stop();
                    return null;
                });
            } catch (IOException e) {
                System.err.println("cannot write the certificate: " + e.getMessage());
                reactor.stop();
            }
        });
        reactor.run();
    }
}
