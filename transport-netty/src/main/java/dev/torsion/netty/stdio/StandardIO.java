package dev.torsion.netty.stdio;

import dev.torsion.internet.Protocol;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Executor;

/**
 * Binds a protocol to this JVM's standard input and output: Twisted's {@code stdio.StandardIO}.
 * What arrives on stdin goes to {@code dataReceived}; {@code write} goes to stdout. End of stdin
 * closes the connection once pending output is written ({@code connectionLost} with
 * {@link dev.torsion.internet.error.ConnectionDone}); a
 * {@link dev.torsion.internet.HalfCloseableProtocol} hears {@code readConnectionLost} instead and
 * may keep writing until it calls {@code loseConnection}.
 *
 * <pre>{@code
 * Reactor reactor = NettyReactor.create();
 * StandardIO.start(reactor::callFromThread, new Echo());
 * reactor.run();
 * }</pre>
 *
 * <p>The JVM's stdin cannot be interrupted, so after {@code loseConnection} the reader thread may
 * stay blocked until the next byte or end of input (it is a daemon thread and hands nothing more
 * over). {@code System.out} is not used: writes go to file descriptor 1 directly, unbuffered by
 * {@link java.io.PrintStream}.
 */
public final class StandardIO extends StreamTransport {
    private static final PipeAddress ADDRESS = new PipeAddress("stdio");

    /**
     * Binds {@code protocol} to the given streams (for tests, or to serve a pipe pair).
     *
     * @param reactorThread runs every protocol callback, in order (the reactor's {@code callFromThread})
     * @param protocol the protocol to bind
     * @param in what the protocol reads
     * @param out where the protocol's writes go; closed by {@code loseConnection}
     */
    public StandardIO(Executor reactorThread, Protocol protocol, InputStream in, OutputStream out) {
        super(reactorThread, protocol, in, out, ADDRESS, ADDRESS, "stdio");
        start();
    }

    /**
     * Binds {@code protocol} to this JVM's standard input and output.
     *
     * @param reactorThread runs every protocol callback, in order (the reactor's {@code callFromThread})
     * @param protocol the protocol to bind
     * @return the transport, already connecting
     */
    public static StandardIO start(Executor reactorThread, Protocol protocol) {
        return new StandardIO(reactorThread, protocol,
                new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
    }
}
