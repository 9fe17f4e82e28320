package dev.torsion.testing;

import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;

/**
 * Connects a client protocol to a server protocol in memory and moves bytes between them when told
 * to: Twisted's {@code iosim.connectedServerAndClient} and {@code IOPump}. Nothing happens between
 * calls, so a test sees every intermediate state.
 *
 * <pre>{@code
 * IOPump pump = IOPump.connect(new EchoServer(), client);
 * client.sendLine("hello");
 * pump.flush();
 * assertEquals(List.of("hello"), client.lines);
 * }</pre>
 *
 * <p>With {@link TlsOptions} for both ends, each protocol is wrapped in a {@link TlsProtocol}, so
 * the bytes the pump moves are real TLS records. Closing works as on TCP: once an end has asked to
 * close and everything it wrote has been delivered, both protocols hear {@code connectionLost}
 * ({@link ConnectionDone}; {@link ConnectionAborted} and {@link ConnectionLost} after an abort).
 */
public final class IOPump {
    /** The server end's address. */
    public static final IPv4Address SERVER_ADDRESS = new IPv4Address(SocketType.TCP, "127.0.0.1", 4433);
    /** The client end's address. */
    public static final IPv4Address CLIENT_ADDRESS = new IPv4Address(SocketType.TCP, "127.0.0.1", 54321);
    /** Default bytes an end may buffer before its push producer is paused. */
    public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER = 64 * 1024;
    private static final int MAX_FLUSH_ROUNDS = 100_000;

    private final LoopbackTransport serverTransport;
    private final LoopbackTransport clientTransport;
    private int writeBufferHighWater = DEFAULT_WRITE_BUFFER_HIGH_WATER;

    private IOPump() {
        serverTransport = new LoopbackTransport(this, "server", SERVER_ADDRESS, CLIENT_ADDRESS);
        clientTransport = new LoopbackTransport(this, "client", CLIENT_ADDRESS, SERVER_ADDRESS);
    }

    /** Connects {@code server} and {@code client} in the clear and flushes their greetings. */
    public static IOPump connect(Protocol server, Protocol client) {
        IOPump pump = new IOPump();
        pump.serverTransport.attach(server);
        pump.clientTransport.attach(client);
        pump.flush();
        return pump;
    }

    /**
     * Connects {@code server} and {@code client} each wrapped in TLS with its options, and flushes
     * (which completes the handshake, or its failure).
     */
    public static IOPump connect(Protocol server, Protocol client, TlsOptions serverTls, TlsOptions clientTls) {
        return connect(new TlsProtocol(serverTls, server), new TlsProtocol(clientTls, client));
    }

    /** Connects the two ends without flushing: nothing has moved yet when this returns. */
    public static IOPump connectWithoutFlushing(Protocol server, Protocol client) {
        IOPump pump = new IOPump();
        pump.serverTransport.attach(server);
        pump.clientTransport.attach(client);
        return pump;
    }

    /**
     * One round: moves what each end has buffered to the other, asks pull producers for more, and
     * ends the connection when an end has closed. Returns whether anything happened.
     */
    public boolean pump() {
        boolean moved = clientTransport.transferTo(serverTransport);
        moved |= serverTransport.transferTo(clientTransport);
        moved |= clientTransport.pullFromProducer();
        moved |= serverTransport.pullFromProducer();
        moved |= closeIfDone(clientTransport, serverTransport);
        moved |= closeIfDone(serverTransport, clientTransport);
        return moved;
    }

    /** Pumps until nothing more happens; fails when the two ends never go quiet. */
    public void flush() {
        for (int round = 0; round < MAX_FLUSH_ROUNDS; round++) {
            if (!pump()) {
                return;
            }
        }
        throw new IllegalStateException("the two ends did not go quiet after " + MAX_FLUSH_ROUNDS + " rounds");
    }

    private static boolean closeIfDone(LoopbackTransport closer, LoopbackTransport other) {
        if (!closer.readyToClose()) {
            return false;
        }
        if (closer.wasAborted()) {
            closer.connectionLost(Failure.of(new ConnectionAborted("Connection was aborted locally.")));
            other.connectionLost(Failure.of(new ConnectionLost("Connection to the other side was lost.")));
        } else {
            closer.connectionLost(Failure.of(new ConnectionDone("Connection was closed cleanly.")));
            other.connectionLost(Failure.of(new ConnectionDone("Connection was closed cleanly.")));
        }
        return true;
    }

    /** The server end's transport. */
    public LoopbackTransport serverTransport() {
        return serverTransport;
    }

    /** The client end's transport. */
    public LoopbackTransport clientTransport() {
        return clientTransport;
    }

    /** Bytes an end may buffer before its push producer is paused. */
    public int writeBufferHighWater() {
        return writeBufferHighWater;
    }

    /** Changes the bytes an end may buffer before its push producer is paused. */
    public void setWriteBufferHighWater(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("high-water mark cannot be negative: " + bytes);
        }
        writeBufferHighWater = bytes;
    }
}
