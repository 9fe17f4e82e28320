package dev.torsion.ftp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.ftp.parse.DataAddress;
import dev.torsion.ftp.parse.FtpReply;
import dev.torsion.ftp.parse.FtpReplyDecoder;
import dev.torsion.ftp.parse.ListingParser;
import dev.torsion.ftp.transfer.ChannelReader;
import dev.torsion.ftp.transfer.ChannelWriter;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An FTP client (RFC 959): every command a Deferred that fires with the final reply (2yz or 3yz)
 * or fails with {@link FtpReplyException} (4yz, 5yz). Commands are sent one at a time, in order.
 *
 * <p>Transfers use passive data connections by default (EPSV, RFC 2428, falling back to PASV), always to the
 * control connection's own peer: the host a 227 reply names is ignored (as curl's
 * {@code --ftp-skip-pasv-ip}), so a server cannot point the client elsewhere. Files are retrieved
 * and stored as streams, with the file I/O on the reactor's thread pool and backpressure both ways.
 * {@link #setActive} switches to active data connections (EPRT, or PORT), accepted only from the
 * server's address. After {@link #authTls} the control and data connections are TLS (RFC 4217).
 */
public final class FtpClient extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(FtpClient.class);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(30);

    private final Reactor reactor;
    private final FtpReplyDecoder decoder = new FtpReplyDecoder(8192, 100_000);
    private final Deferred<FtpReply> greeting = new Deferred<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private boolean closed;
    private TlsOptions dataTls;
    private boolean active;

    private TransferState transferState = TransferState.IDLE;
    private DataConnection currentData;

    /**
     * A command and what waits for its reply; {@code sent} when it went out ahead of the queue
     * (ABOR), {@code transfer} for RETR, STOR, LIST and the other commands with a data connection.
     */
    private record Pending(String line, Deferred<FtpReply> result, Consumer<FtpReply> preliminary, boolean sent,
                           boolean transfer) {
    }

    /** A client whose data connections and file I/O go through {@code reactor}. */
    public FtpClient(Reactor reactor) {
        this.reactor = reactor;
    }

    /** Fires with the server's 220 greeting (fails with a 421 or the lost connection). */
    public Deferred<FtpReply> greeting() {
        return greeting;
    }

    @Override
    public void dataReceived(byte[] data) {
        for (FtpReply reply : decoder.feed(data)) {
            replyReceived(reply);
        }
        if (decoder.state() == FtpReplyDecoder.State.FAILED && !closed) {
            log.warn("ftp client: {} from {}", decoder.failure(), transport().getPeer());
            failAll(new IOException("malformed reply: " + decoder.failure()));
            transport().loseConnection();
        }
    }

    private void replyReceived(FtpReply reply) {
        if (!greeting.isCalled()) {
            if (reply.isPreliminary()) {
                return;
            }
            settle(greeting, reply);
            return;
        }
        if (inFlight == null) {
            log.debug("ftp client: unsolicited reply {}", reply);
            return;
        }
        if (reply.isPreliminary()) {
            if (inFlight.preliminary() != null) {
                inFlight.preliminary().accept(reply);
            }
            return;
        }
        Pending done = inFlight;
        inFlight = null;
        if (done.transfer()) {
            transferState = transferState.answered();
        }
        settle(done.result(), reply);
        sendNext();
    }

    private static void settle(Deferred<FtpReply> result, FtpReply reply) {
        if (reply.isError()) {
            result.errback(new FtpReplyException(reply));
        } else {
            result.callback(reply);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        failAll(reason.value());
    }

    private void failAll(Throwable error) {
        if (!greeting.isCalled()) {
            greeting.errback(error);
        }
        List<Pending> all = new ArrayList<>(queue);
        queue.clear();
        if (inFlight != null) {
            all.add(0, inFlight);
            inFlight = null;
        }
        for (Pending pending : all) {
            pending.result().errback(error);
        }
    }

    // ---------------------------------------------------------------- commands

    /**
     * Sends {@code verb} with {@code argument} (empty for none). A CR, LF or NUL in the argument is
     * refused: it would smuggle a second command onto the line.
     */
    public Deferred<FtpReply> quote(String verb, String argument) {
        return command(verb, argument, null);
    }

    private Deferred<FtpReply> command(String verb, String argument, Consumer<FtpReply> preliminary) {
        return command(verb, argument, preliminary, false);
    }

    /** A command that transfers over the data connection: while it waits for its reply, ABOR goes out at once. */
    private Deferred<FtpReply> transferCommand(String verb, String argument, Consumer<FtpReply> preliminary) {
        return command(verb, argument, preliminary, true);
    }

    private Deferred<FtpReply> command(String verb, String argument, Consumer<FtpReply> preliminary, boolean transfer) {
        if (argument.indexOf('\r') >= 0 || argument.indexOf('\n') >= 0 || argument.indexOf('\0') >= 0 || !verb.matches("[A-Za-z]{1,4}")) {
            return Deferred.fail(new IllegalArgumentException("CR, LF or NUL in an FTP command"));
        }
        if (closed) {
            return Deferred.fail(new ConnectionLost("the control connection is closed"));
        }
        Deferred<FtpReply> result = new Deferred<>();
        queue.add(new Pending(argument.isEmpty() ? verb : verb + " " + argument, result, preliminary, false, transfer));
        sendNext();
        return result;
    }

    private void sendNext() {
        if (inFlight != null || queue.isEmpty() || closed) {
            return;
        }
        inFlight = queue.poll();
        if (!inFlight.sent()) {
            transport().write((inFlight.line() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (inFlight.transfer()) {
            transferState = transferState.sent();
        }
    }

    /** Whether a transfer command is out (for tests and for callers that decide whether to abort). */
    TransferState transferState() {
        return transferState;
    }

    /**
     * ABOR (RFC 959 §4.1.3). While a transfer command waits for its reply it goes out at once, ahead of the queue, and the
     * data connection is closed: the transfer's Deferred fails with the server's 426 (or succeeds
     * with its 226 when the transfer was complete), and this one fires with the ABOR's own reply
     * (226, or 225). Without a transfer it is sent as any command. The Telnet IP and Synch that
     * RFC 959 puts before it are not sent: servers that read the control connection during a
     * transfer (this project's, vsftpd through the reset data connection) do not need them, and
     * urgent data cannot cross TLS anyway.
     */
    public Deferred<FtpReply> abort() {
        if (transferState != TransferState.RUNNING || closed) {
            return quote("ABOR", "");
        }
        transferState = transferState.aborted();
        Deferred<FtpReply> result = new Deferred<>();
        // The reply after the transfer's is the ABOR's: it waits first in the queue, already sent.
        queue.addFirst(new Pending("ABOR", result, null, true, false));
        transport().write("ABOR\r\n".getBytes(StandardCharsets.UTF_8));
        if (currentData != null) {
            currentData.abort();
        }
        return result;
    }

    /**
     * AUTH TLS (RFC 4217 §4): on 234 the control connection switches to TLS with {@code options}
     * (a client's: they name the host to verify), then PBSZ 0 and PROT P, so that every data
     * connection from then on is TLS too, this side its TLS client (RFC 4217 §7).
     */
    public Deferred<FtpReply> authTls(TlsOptions options) {
        if (!options.isClient()) {
            return Deferred.fail(new IllegalArgumentException("AUTH TLS needs client TLS options"));
        }
        if (!(transport() instanceof TlsCapableTransport tls)) {
            return Deferred.fail(new IllegalStateException("this transport cannot start TLS"));
        }
        return quote("AUTH", "TLS").addCallbackDeferred(reply -> {
            tls.startTLS(options);
            return quote("PBSZ", "0");
        }).addCallbackDeferred(reply -> quote("PROT", "P")).addCallback(reply -> {
            dataTls = options;
            return reply;
        });
    }

    /** USER and, when asked for (331), PASS. */
    public Deferred<FtpReply> login(String user, String password) {
        return quote("USER", user).addCallbackDeferred(reply -> reply.code() == 331 ? quote("PASS", password) : Deferred.succeed(reply));
    }

    /** PWD: the current directory, unquoted (RFC 959 Appendix II). */
    public Deferred<String> pwd() {
        return quote("PWD", "").addCallback(reply -> unquote(reply.text()));
    }

    static String unquote(String text) {
        if (!text.startsWith("\"")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** CWD. */
    public Deferred<FtpReply> cwd(String path) {
        return quote("CWD", path);
    }

    /** MKD: the created directory's path. */
    public Deferred<String> mkd(String path) {
        return quote("MKD", path).addCallback(reply -> unquote(reply.text()));
    }

    /** RMD. */
    public Deferred<FtpReply> rmd(String path) {
        return quote("RMD", path);
    }

    /** DELE. */
    public Deferred<FtpReply> delete(String path) {
        return quote("DELE", path);
    }

    /** RNFR then RNTO. */
    public Deferred<FtpReply> rename(String from, String to) {
        return quote("RNFR", from).addCallbackDeferred(reply -> quote("RNTO", to));
    }

    /** SIZE (RFC 3659 §4), in binary. */
    public Deferred<Long> size(String path) {
        return quote("TYPE", "I").addCallbackDeferred(ok -> quote("SIZE", path)).addCallback(reply -> Long.parseLong(reply.text().trim()));
    }

    /** QUIT: fires with 221; the server closes. */
    public Deferred<FtpReply> quit() {
        return quote("QUIT", "");
    }

    // ---------------------------------------------------------------- listings

    /** MLSD (RFC 3659 §7) of {@code path} (empty: the current directory). */
    public Deferred<List<ListingParser.Entry>> mlsd(String path) {
        return listing("MLSD", path, ListingParser::parseMlsd);
    }

    /** LIST of {@code path}, its {@code ls -l} lines parsed. */
    public Deferred<List<ListingParser.Entry>> list(String path) {
        return listing("LIST", path, ListingParser::parseLs);
    }

    /** NLST: names. */
    public Deferred<List<String>> nlst(String path) {
        return text("NLST", path).addCallback(FtpClient::lines);
    }

    private Deferred<List<ListingParser.Entry>> listing(String verb, String path, Function<String, Optional<ListingParser.Entry>> parse) {
        return text(verb, path).addCallback(text -> {
            List<ListingParser.Entry> entries = new ArrayList<>();
            for (String line : lines(text)) {
                parse.apply(line).ifPresent(entries::add);
            }
            return entries;
        });
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    private Deferred<String> text(String verb, String path) {
        StringBuilder collected = new StringBuilder();
        List<byte[]> chunks = new ArrayList<>();
        return quote("TYPE", "A").addCallbackDeferred(ok -> transfer(verb, path, data -> data.sink = chunks::add, data -> { }))
                .addCallback(count -> {
                    int size = 0;
                    for (byte[] chunk : chunks) {
                        size += chunk.length;
                    }
                    byte[] all = new byte[size];
                    int at = 0;
                    for (byte[] chunk : chunks) {
                        System.arraycopy(chunk, 0, all, at, chunk.length);
                        at += chunk.length;
                    }
                    return collected.append(new String(all, StandardCharsets.UTF_8)).toString();
                });
    }

    // ---------------------------------------------------------------- files

    /** RETR in binary into {@code target} (created or truncated); fires with the bytes written. */
    public Deferred<Long> retrieve(String path, Path target) {
        return retrieve(path, target, 0);
    }

    /**
     * RETR in binary from {@code offset} on (REST, RFC 3659 §5, when above 0) into {@code target} at
     * the same offset: the file is created, cut to {@code offset} and written from there, so that an
     * interrupted download resumes. Fires with the bytes written by this transfer.
     */
    public Deferred<Long> retrieve(String path, Path target, long offset) {
        if (offset < 0) {
            return Deferred.fail(new IllegalArgumentException("negative offset"));
        }
        return quote("TYPE", "I").addCallbackDeferred(ok -> reactor.deferToThread(() -> {
            FileChannel opened = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            opened.truncate(offset);
            opened.position(offset);
            return opened;
        })).addCallbackDeferred(channel -> {
                    ChannelWriter[] writer = new ChannelWriter[1];
                    Deferred<Long> written = new Deferred<>();
                    return transfer("RETR", path, offset, data -> {
                        writer[0] = new ChannelWriter(reactor, channel, data.transport(), false);
                        data.sink = writer[0]::received;
                    }, data -> { }).addBothDeferred((count, failure) -> {
                        if (failure != null) {
                            close(channel);
                            return Deferred.<Long>fail(failure);
                        }
                        writer[0].end(error -> reactor.deferToThread(() -> {
                            channel.close();
                            return null;
                        }).addBoth((ignored, closeFailure) -> {
                            if (error != null) {
                                written.errback(error);
                            } else if (closeFailure != null) {
                                written.errback(closeFailure);
                            } else {
                                written.callback(writer[0].written());
                            }
                            return null;
                        }));
                        return written;
                    });
                });
    }

    /** STOR in binary from {@code source}; fires with the bytes sent. */
    public Deferred<Long> store(String path, Path source) {
        return store(path, source, 0);
    }

    /**
     * STOR in binary of {@code source} from {@code offset} on, with REST {@code offset} when above 0
     * (RFC 3659 §5: the server writes from that offset), so that an interrupted upload resumes.
     * Fires with the bytes sent by this transfer.
     */
    public Deferred<Long> store(String path, Path source, long offset) {
        if (offset < 0) {
            return Deferred.fail(new IllegalArgumentException("negative offset"));
        }
        return quote("TYPE", "I").addCallbackDeferred(ok -> reactor.deferToThread(() -> {
            FileChannel opened = FileChannel.open(source, StandardOpenOption.READ);
            opened.position(offset);
            return opened;
        })).addCallbackDeferred(channel -> {
                    ChannelReader[] reader = new ChannelReader[1];
                    return transfer("STOR", path, offset, data -> { }, data -> {
                        reader[0] = new ChannelReader(reactor, channel, data.transport(), false, error -> {
                            if (error != null) {
                                log.warn("ftp client: reading {} failed: {}", source, error.toString());
                                data.transport().abortConnection();
                            } else {
                                data.transport().loseConnection();
                            }
                        });
                        reader[0].start();
                    }).addBothDeferred((count, failure) -> {
                        close(channel);
                        if (failure != null) {
                            return Deferred.<Long>fail(failure);
                        }
                        return Deferred.succeed(reader[0] == null ? 0L : reader[0].sent());
                    });
                });
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("ftp client: closing failed: {}", e.toString());
        }
    }

    /**
     * One transfer: a passive data connection, then {@code verb}; {@code attach} prepares the data
     * connection before the command, {@code start} runs on the 150 reply (an upload begins
     * sending). Fires with the bytes received once the data connection has closed and the final
     * reply is a 2yz.
     */
    private Deferred<Long> transfer(String verb, String argument, Consumer<DataConnection> attach, Consumer<DataConnection> start) {
        return transfer(verb, argument, 0, attach, start);
    }

    /**
     * As above, with REST {@code offset} (RFC 3659 §5) sent when above 0, after the data connection
     * is set up so that it is the last command before the transfer's.
     */
    private Deferred<Long> transfer(String verb, String argument, long offset, Consumer<DataConnection> attach,
                                    Consumer<DataConnection> start) {
        return openData().addCallbackDeferred(data -> {
            data.whenMade(() -> attach.accept(data));
            Deferred<Long> result = new Deferred<>();
            currentData = data;
            // A refused REST stops there: the transfer from 0 would land at the wrong offset.
            Deferred<FtpReply> restarted = offset > 0 ? quote("REST", Long.toString(offset)) : Deferred.succeed(null);
            Deferred<FtpReply> reply = restarted.addCallbackDeferred(ok -> transferCommand(verb, argument,
                    preliminary -> data.whenMade(() -> start.accept(data))));
            reply.addBoth((answer, failure) -> {
                currentData = null;
                if (failure != null) {
                    data.abort();
                    if (data.transport() == null) {
                        result.errback(failure);
                    } else {
                        data.whenClosed(reason -> result.errback(failure));
                    }
                } else {
                    data.whenClosed(reason -> {
                        if (reason.check(ConnectionDone.class) == null) {
                            result.errback(reason);
                        } else {
                            result.callback(data.received);
                        }
                    });
                }
                return null;
            });
            return result;
        });
    }

    /** Whether transfers use active data connections (PORT/EPRT) instead of passive ones. */
    public void setActive(boolean useActive) {
        active = useActive;
    }

    private Deferred<DataConnection> openData() {
        return active ? activeData() : passive().addCallbackDeferred(this::connectData);
    }

    /**
     * Active mode (RFC 959 §3.2, RFC 2428 §2): listens on the control connection's local address,
     * accepts one connection and only from the server's address, and names the port with EPRT (PORT
     * when the server does not know EPRT).
     */
    private Deferred<DataConnection> activeData() {
        String host = ((IPAddress) transport().getHost()).host();
        String server = ((IPAddress) transport().getPeer()).host();
        DataConnection data = new DataConnection();
        ListeningPort[] listening = new ListeningPort[1];
        boolean[] accepted = new boolean[1];
        listening[0] = reactor.listenTCP(0, address -> {
            if (accepted[0] || !sameHost(((IPAddress) address).host(), server)) {
                log.warn("ftp client: refusing a data connection from {}", address);
                return null;
            }
            accepted[0] = true;
            listening[0].stopListening();
            return secured(data);
        }, 1, host);
        data.listening = listening[0];
        DataAddress here = new DataAddress(host, ((IPAddress) listening[0].getHost()).port());
        return quote("EPRT", here.toEprtArgument()).addErrbackDeferred(failure -> {
            failure.trap(FtpReplyException.class);
            return host.contains(":") ? Deferred.<FtpReply>fail(failure) : quote("PORT", here.toPortArgument());
        }).addBothDeferred((reply, failure) -> {
            if (failure != null) {
                data.stopListening();
                return Deferred.<DataConnection>fail(failure);
            }
            return Deferred.succeed(data);
        });
    }

    /**
     * Under PROT P, TLS on the data connection with this side as the client (RFC 4217 §7), offering
     * the control connection's session (§10.2; see {@link ControlPeerTransport}).
     */
    private Protocol secured(DataConnection data) {
        return dataTls == null ? data : new ControlPeerTransport(transport().getPeer(), new TlsProtocol(dataTls, data));
    }

    private static boolean sameHost(String a, String b) {
        try {
            // Both are numeric addresses from the transports: nothing is looked up.
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** EPSV (RFC 2428 §3), or PASV when the server refuses it; the port on the control connection's peer. */
    private Deferred<Integer> passive() {
        return quote("EPSV", "").addCallback(reply -> DataAddress.parseEpsvReply(reply.text()).map(DataAddress::port).orElse(-1))
                .addErrbackDeferred(failure -> {
                    failure.trap(FtpReplyException.class);
                    return quote("PASV", "").addCallback(reply -> DataAddress.parsePasvReply(reply.text()).map(DataAddress::port).orElse(-1));
                }).addCallbackDeferred(port -> port < 0 ? Deferred.<Integer>fail(new IOException("unparseable passive reply")) : Deferred.succeed(port));
    }

    private Deferred<DataConnection> connectData(int port) {
        String host = ((IPAddress) transport().getPeer()).host();
        DataConnection data = new DataConnection();
        reactor.connectTCP(host, port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return secured(data);
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                data.connected.errback(reason);
            }
        }, DATA_TIMEOUT, null);
        return data.connected;
    }

    /** The client's end of a data connection. */
    static final class DataConnection extends Protocol {
        final Deferred<DataConnection> connected = new Deferred<>();
        Consumer<byte[]> sink = bytes -> { };
        long received;
        ListeningPort listening;
        private final List<Runnable> onMade = new ArrayList<>();
        private Failure lost;
        private Consumer<Failure> onClosed;

        @Override
        public void connectionMade() {
            List<Runnable> actions = new ArrayList<>(onMade);
            onMade.clear();
            actions.forEach(Runnable::run);
            connected.callback(this);
        }

        void whenMade(Runnable action) {
            if (transport() != null) {
                action.run();
            } else {
                onMade.add(action);
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            received += data.length;
            sink.accept(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
            if (onClosed != null) {
                onClosed.accept(reason);
            }
        }

        void whenClosed(Consumer<Failure> action) {
            if (lost != null) {
                action.accept(lost);
            } else {
                onClosed = action;
            }
        }

        void stopListening() {
            if (listening != null) {
                listening.stopListening();
                listening = null;
            }
        }

        void abort() {
            stopListening();
            if (transport() != null && lost == null) {
                transport().abortConnection();
            }
        }
    }
}
