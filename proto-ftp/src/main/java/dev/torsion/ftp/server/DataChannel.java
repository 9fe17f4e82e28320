package dev.torsion.ftp.server;

import dev.torsion.defer.Failure;
import dev.torsion.ftp.parse.DataAddress;
import dev.torsion.ftp.parse.FtpReply;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.time.DelayedCall;
import dev.torsion.tls.TlsProtocol;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the next transfer's data connection comes from: a passive listener (PASV, EPSV) or an
 * active target (PORT, EPRT). One channel serves one transfer.
 *
 * <p>Passive: the listener takes the first connection from the control connection's own peer
 * address and stops listening; a connection from any other address is refused at once, so nobody
 * can steal the port between PASV and the transfer (RFC 2577 §5, vsftpd's
 * {@code pasv_promiscuous=NO}). Active: the target was checked by the session (the client's own
 * address, no privileged port). Under PROT P the data connection is TLS with this side as the TLS
 * server, whichever side connected (RFC 4217 §7); the JDK context's session cache lets a client
 * resume the control connection's session, and when the server requires it a data connection that
 * did not is refused: the transfer gets 522 (vsftpd's {@code require_ssl_reuse}).
 */
final class DataChannel {
    private static final Logger log = LoggerFactory.getLogger(DataChannel.class);
    private static final FtpReply CANT_OPEN = FtpReply.of(425, "Can't open data connection.");
    /** vsftpd's reply to the same refusal, so that clients and their users recognise it. */
    private static final FtpReply REUSE_REQUIRED = FtpReply.of(522, "Data connection must resume the control connection's TLS session.");

    private final Reactor reactor;
    private final String controlPeer;
    private final DataTls tls;
    private ListeningPort listening;
    private DataAddress target;
    private DataConnection connection;
    private DataConnection readyConnection;
    private Consumer<DataConnection> waiter;
    private Consumer<FtpReply> failer;
    private FtpReply refusal;
    private DelayedCall deadline;
    private Connector connector;
    private boolean closed;

    private DataChannel(Reactor reactor, String controlPeer, DataTls tls) {
        this.reactor = reactor;
        this.controlPeer = controlPeer;
        this.tls = tls;
    }

    /** A passive channel; {@link #listenOn} binds it. {@code tls} is null for a clear data connection. */
    static DataChannel passive(Reactor reactor, String controlPeer, DataTls tls) {
        return new DataChannel(reactor, controlPeer, tls);
    }

    /** An active channel to {@code target}, connected when a transfer starts. */
    static DataChannel active(Reactor reactor, DataAddress target, DataTls tls) {
        DataChannel channel = new DataChannel(reactor, target.host(), tls);
        channel.target = target;
        return channel;
    }

    /** Listens on {@code port} (0: any) of {@code host}; throws CannotListenError when it is taken. */
    ListeningPort listenOn(int port, String host) {
        listening = reactor.listenTCP(port, this::accept, 1, host);
        return listening;
    }

    private Protocol accept(Address address) {
        String peer = Hosts.hostOf(address);
        if (closed || connection != null) {
            log.info("ftp: refusing a second data connection from {}", address);
            return null;
        }
        if (!Hosts.same(peer, controlPeer)) {
            // RFC 2577 §5: only the control connection's peer may take the port.
            log.warn("ftp: refusing a data connection from {}: the control connection is from {}", address, controlPeer);
            return null;
        }
        stopListening();
        return wrap(connected(new DataConnection(reactor)));
    }

    /**
     * Under PROT P the data connection is ready once its TLS handshake is done: closing it earlier
     * (an empty listing) would cut the handshake short with a close_notify.
     */
    private Protocol wrap(DataConnection data) {
        if (tls == null) {
            data.whenMade(() -> ready(data));
            return data;
        }
        TlsProtocol secured = new TlsProtocol(tls.options(), data);
        data.whenMade(() -> {
            long connectedAt = System.currentTimeMillis();
            secured.whenHandshakeDone().addBoth((done, failure) -> {
                if (failure != null) {
                    log.info("ftp: TLS handshake on a data connection failed: {}", failure.getErrorMessage());
                    failed(CANT_OPEN);
                } else if (tls.control() != null && !tls.control().resumedBy(secured.session(), connectedAt)) {
                    log.warn("ftp: data connection from {} did not resume the control connection's TLS session: refused",
                            secured.getPeer());
                    data.abort();
                    failed(REUSE_REQUIRED);
                } else {
                    ready(data);
                }
                return null;
            });
        });
        return secured;
    }

    private DataConnection connected(DataConnection data) {
        connection = data;
        return data;
    }

    private void ready(DataConnection data) {
        readyConnection = data;
        if (waiter != null) {
            Consumer<DataConnection> action = waiter;
            waiter = null;
            failer = null;
            cancelDeadline();
            action.accept(data);
        }
    }

    private void failed(FtpReply reply) {
        if (failer == null) {
            refusal = reply; // before the transfer command: it gets this reply when it comes
            return;
        }
        Consumer<FtpReply> action = failer;
        waiter = null;
        failer = null;
        cancelDeadline();
        action.accept(reply);
    }

    /**
     * Calls {@code onConnected} once the data connection is made (at once when it already is), or
     * {@code onFailed} with the reply for the transfer when it is not made within {@code timeout}
     * (425), its TLS handshake fails (425) or it did not resume the control session when required (522).
     */
    void connect(Duration timeout, Consumer<DataConnection> onConnected, Consumer<FtpReply> onFailed) {
        if (readyConnection != null) {
            onConnected.accept(readyConnection);
            return;
        }
        if (refusal != null) {
            onFailed.accept(refusal);
            return;
        }
        waiter = onConnected;
        failer = onFailed;
        deadline = reactor.callLater(timeout, () -> {
            deadline = null;
            Consumer<FtpReply> action = failer;
            close();
            action.accept(CANT_OPEN);
        });
        if (target != null && connector == null) {
            connector = reactor.connectTCP(target.host(), target.port(), new ClientFactory() {
                @Override
                public Protocol buildProtocol(Address address) {
                    return wrap(connected(new DataConnection(reactor)));
                }

                @Override
                public void clientConnectionFailed(Connector failed, Failure reason) {
                    log.info("ftp: active data connection to {}:{} failed: {}", target.host(), target.port(), reason.getErrorMessage());
                    failed(CANT_OPEN);
                }
            }, timeout, null);
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    private void stopListening() {
        if (listening != null) {
            ListeningPort port = listening;
            listening = null;
            port.stopListening();
        }
    }

    /** Stops listening, stops connecting, aborts the connection: the channel is done. */
    void close() {
        closed = true;
        waiter = null;
        failer = null;
        cancelDeadline();
        stopListening();
        if (connector != null && connection == null) {
            connector.stopConnecting();
        }
        if (connection != null) {
            connection.abort();
        }
    }
}
