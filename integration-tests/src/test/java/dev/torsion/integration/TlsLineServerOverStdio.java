package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.stdio.StandardIO;
import dev.torsion.netty.tls.TlsContexts;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child program of {@link TlsOverPipeTest}: a {@link LineEchoServer} behind a server-side
 * {@link TlsProtocol}, bound to this JVM's stdin and stdout with {@link StandardIO} on a
 * {@link NettyReactor}. Its stdout carries TLS records only, so it must log to stderr (the parent
 * passes a logback configuration that does). Exits 0 when the connection ended cleanly, 3
 * otherwise.
 */
public final class TlsLineServerOverStdio {
    private static final Logger log = LoggerFactory.getLogger(TlsLineServerOverStdio.class);

    private TlsLineServerOverStdio() {
    }

    /** Arguments: the server's private key PEM file, its certificate PEM file. */
    public static void main(String[] args) throws IOException {
        TlsOptions options = TlsContexts.serverOptions(Path.of(args[0]), Path.of(args[1]), null, null);
        NettyReactor reactor = NettyReactor.create();
        Failure[] ending = new Failure[1];
        LineEchoServer lines = new LineEchoServer() {
            @Override
            public void connectionLost(Failure reason) {
                super.connectionLost(reason);
                ending[0] = reason;
                reactor.stop();
            }
        };
        reactor.callWhenRunning(() -> StandardIO.start(reactor::callFromThread, new TlsProtocol(options, lines)));
        reactor.run();
        boolean clean = ending[0] != null && ending[0].check(ConnectionDone.class) != null;
        if (!clean) {
            log.error("the connection over stdio did not end cleanly: {}",
                    ending[0] == null ? "no end seen" : ending[0].getTraceback());
        }
        System.exit(clean ? 0 : 3);
    }
}
