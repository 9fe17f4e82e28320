package dev.torsion.ftp.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.Anonymous;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.ftp.FtpLimits;
import dev.torsion.ftp.parse.FtpBadLine;
import dev.torsion.ftp.parse.FtpCommand;
import dev.torsion.ftp.parse.FtpCommandDecoder;
import dev.torsion.ftp.parse.FtpInput;
import dev.torsion.ftp.parse.FtpReply;
import dev.torsion.ftp.transfer.ChannelReader;
import dev.torsion.ftp.transfer.ChannelWriter;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP control connection (RFC 959), with FEAT and OPTS (RFC 2389), EPSV and EPRT (RFC 2428),
 * SIZE, MDTM, REST STREAM, MLST and MLSD (RFC 3659), UTF-8 pathnames (RFC 2640) and AUTH TLS, PBSZ
 * and PROT (RFC 4217). Logins go through a cred portal whose realm gives an {@link FtpFileSystem}.
 *
 * <p>Commands are answered one at a time, in order: while a login, a file system call or a
 * transfer is under way the next commands wait (at most {@link FtpLimits#pipelinedCommands()}),
 * except ABOR, which is acted on at once (RFC 959 §4.1.3). A transfer answers 150 when it starts and
 * 226 once the data connection has carried everything and closed, or 425/426/451 when it could not.
 */
public final class FtpServer extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(FtpServer.class);
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final FtpServerConfig config;
    private final FtpLimits limits;
    private final Reactor reactor;
    private final FtpCommandDecoder decoder;
    private final IdleTimeout idle;
    private final String sessionId = Long.toString(SESSIONS.incrementAndGet(), 36);
    private final Deque<FtpInput> queue = new ArrayDeque<>();
    private final TlsOptions dataTlsOptions;
    private ControlTlsSession controlTls;
    private final DataChannelRequests channelRequests;

    private FtpState state = FtpState.AWAITING_USER;
    private boolean busy;
    private int failedLogins;
    private int errors;
    private String pendingUser;
    private LoginResult login;
    private boolean anonymousLogin;
    private FtpFileSystem files;
    private FtpPath cwd = FtpPath.ROOT;
    private boolean ascii;
    private long restart;
    private FtpPath renameFrom;
    private boolean tlsActive;
    private long tlsEpoch;
    private boolean protectionBufferSet;
    private boolean protectData;
    private DataChannel data;
    private Transfer transfer;

    /** One transfer: its data channel, what to release when it ends, whether all was sent. */
    private static final class Transfer {
        final DataChannel channel;
        final Runnable release;
        boolean complete;

        Transfer(DataChannel channel, Runnable release) {
            this.channel = channel;
            this.release = release;
        }
    }

    /** A session configured by {@code config}. */
    public FtpServer(FtpServerConfig config) {
        this.config = config;
        this.limits = config.limits();
        this.reactor = config.reactor();
        this.decoder = new FtpCommandDecoder(limits.commandLineLength());
        this.idle = new IdleTimeout(reactor, this::timedOut);
        this.dataTlsOptions = config.tls() == null ? null : config.tls().withProtocols("TLSv1.2");
        this.channelRequests = new DataChannelRequests(config, sessionId);
    }

    /** The session's state. */
    public FtpState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.idleTimeout());
        reply(220, config.greeting());
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        state = state.close();
        queue.clear();
        endTransferQuietly();
        closeData();
        logout();
    }

    @Override
    public void dataReceived(byte[] bytes) {
        if (state == FtpState.CLOSED) {
            return;
        }
        long epoch = tlsEpoch;
        for (FtpInput input : decoder.feed(bytes)) {
            if (state == FtpState.CLOSED || epoch != tlsEpoch) {
                // Closed, or AUTH TLS began: the rest of this clear-text packet is not acted on.
                return;
            }
            // ABOR jumps the queue only while a transfer runs: before its 150 (a file still being
            // opened) it waits its turn, so that the transfer command is answered first.
            if (busy && transfer != null && input instanceof FtpCommand command && command.verb().equals("ABOR")) {
                abort();
                continue;
            }
            queue.add(input);
            processQueue();
            if (queue.size() > limits.pipelinedCommands()) {
                log.info("ftp {}: too many pipelined commands from {}", sessionId, transport().getPeer());
                closeWith(421, "Too many pipelined commands.");
                return;
            }
        }
        processQueue();
    }

    private void processQueue() {
        while (!busy && state != FtpState.CLOSED && !queue.isEmpty() && !transport().isDisconnecting()) {
            FtpInput input = queue.poll();
            if (transfer == null) {
                idle.resetTimeout();
            }
            if (input instanceof FtpBadLine bad) {
                if (bad.fatal()) {
                    log.info("ftp {}: {} from {}", sessionId, bad.reply().text(), transport().getPeer());
                    closeWith(bad.reply().code(), bad.reply().text());
                    return;
                }
                reply(bad.reply().code(), bad.reply().text());
            } else {
                command((FtpCommand) input);
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void command(FtpCommand command) {
        log.debug("ftp {}: {}", sessionId, command);
        String verb = command.verb();
        if (state == FtpState.RENAME_PENDING && !verb.equals("RNTO")) {
            // RFC 959 §4.1.3: RNTO must follow RNFR at once; anything else cancels the rename.
            state = state.renameDone();
            renameFrom = null;
        }
        if (!session(command) && !loggedInCommand(command)) {
            reply(500, "Unknown command.");
        }
    }

    /** Commands allowed whether or not a user is logged in; false when {@code command} is none of them. */
    private boolean session(FtpCommand command) {
        switch (command.verb()) {
            case "USER" -> user(command);
            case "PASS" -> pass(command);
            case "QUIT" -> quit();
            case "NOOP" -> reply(200, "NOOP ok.");
            case "SYST" -> reply(215, "UNIX Type: L8");
            case "FEAT" -> feat();
            case "OPTS" -> opts(command);
            case "HELP" -> help();
            case "AUTH" -> auth(command);
            case "PBSZ" -> pbsz(command);
            case "PROT" -> prot(command);
            case "ABOR" -> abort();
            case "ACCT", "REIN", "SMNT", "SITE", "CCC" -> reply(502, "Command not implemented.");
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean loggedInCommand(FtpCommand command) {
        if (!KNOWN_AFTER_LOGIN.contains(command.verb())) {
            return false;
        }
        if (!state.isLoggedIn()) {
            reply(530, "Please login with USER and PASS.");
            return true;
        }
        switch (command.verb()) {
            case "PWD", "XPWD" -> reply(257, FtpReply.quotePath(cwd.toString()) + " is the current directory");
            case "CWD", "XCWD" -> cwd(command.argument());
            case "CDUP", "XCUP" -> cwd("..");
            case "TYPE" -> type(command);
            case "MODE" -> oneValue(command, "S", "Mode set to S.", "Unsupported mode.");
            case "STRU" -> oneValue(command, "F", "Structure set to F.", "Unsupported structure.");
            case "ALLO" -> reply(202, "ALLO command ignored.");
            case "STAT" -> status(command);
            case "PASV", "EPSV" -> apply(channelRequests.passive(command.verb().equals("EPSV"), command.argument(),
                    transport().getHost(), transport().getPeer(), dataTls(), this::closeData));
            case "PORT", "EPRT" -> apply(channelRequests.active(command.verb(), command.argument(), transport().getPeer(),
                    dataTls(), this::closeData));
            case "LIST" -> list(command, "LIST");
            case "NLST" -> list(command, "NLST");
            case "MLSD" -> list(command, "MLSD");
            case "MLST" -> mlst(command);
            case "SIZE" -> size(command);
            case "MDTM" -> mdtm(command);
            case "MFMT" -> mfmt(command);
            case "REST" -> rest(command);
            case "RETR" -> retrieve(command);
            case "STOR" -> store(command, FtpFileSystem.WriteMode.REPLACE);
            case "APPE" -> store(command, FtpFileSystem.WriteMode.APPEND);
            case "STOU" -> storeUnique();
            case "DELE" -> change(command, path -> files.delete(path), 250, "Delete operation successful.");
            case "RMD", "XRMD" -> change(command, path -> files.removeDirectory(path), 250, "Remove directory operation successful.");
            case "MKD", "XMKD" -> mkd(command);
            case "RNFR" -> renameFrom(command);
            case "RNTO" -> renameTo(command);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static final List<String> KNOWN_AFTER_LOGIN = List.of("PWD", "XPWD", "CWD", "XCWD", "CDUP", "XCUP", "TYPE",
            "MODE", "STRU", "ALLO", "STAT", "PASV", "EPSV", "PORT", "EPRT", "LIST", "NLST", "MLSD", "MLST", "SIZE", "MDTM",
            "MFMT", "REST", "RETR", "STOR", "APPE", "STOU", "DELE", "RMD", "XRMD", "MKD", "XMKD", "RNFR", "RNTO");

    // ---------------------------------------------------------------- login

    private boolean anonymousName(String name) {
        return name.equalsIgnoreCase("anonymous") || name.equalsIgnoreCase("ftp");
    }

    private void user(FtpCommand command) {
        if (state.isLoggedIn()) {
            reply(530, "Can't change to another user.");
            return;
        }
        if (!command.hasArgument()) {
            reply(501, "Syntax: USER name");
            return;
        }
        if (config.tlsRequired() && !tlsActive && !(config.anonymous() && anonymousName(command.argument()))) {
            reply(530, "Use AUTH TLS first.");
            return;
        }
        pendingUser = command.argument();
        state = state.user();
        if (config.anonymous() && anonymousName(pendingUser)) {
            reply(331, "Anonymous login okay, send your email address as password.");
        } else {
            reply(331, "Please specify the password.");
        }
    }

    private void pass(FtpCommand command) {
        if (state.isLoggedIn()) {
            reply(230, "Already logged in.");
            return;
        }
        if (state != FtpState.AWAITING_PASS) {
            reply(503, "Login with USER first.");
            return;
        }
        String name = pendingUser;
        pendingUser = null;
        Credentials credentials = config.anonymous() && anonymousName(name) ? Anonymous.INSTANCE
                : new UsernamePassword(name, command.argument().getBytes(StandardCharsets.UTF_8));
        state = state.pass();
        busy = true;
        config.portal().login(credentials, null, transport().getPeer(), FtpFileSystem.class).addBoth((result, failure) -> {
            if (credentials instanceof UsernamePassword password) {
                password.destroy();
            }
            if (state == FtpState.CLOSED) {
                if (result != null) {
                    result.logout();
                }
                return null;
            }
            busy = false;
            if (failure == null) {
                login = result;
                anonymousLogin = credentials instanceof Anonymous;
                files = result.avatar(FtpFileSystem.class);
                state = state.loggedIn();
                log.info("ftp {}: {} logged in from {}", sessionId, credentials instanceof Anonymous ? "anonymous" : "a user",
                        transport().getPeer());
                reply(230, "Login successful.");
            } else {
                loginFailed(failure);
            }
            processQueue();
            return null;
        });
    }

    private void loginFailed(Failure failure) {
        if (failure.check(LoginFailed.class) == null) {
            log.warn("ftp {}: login error: {}", sessionId, failure.getErrorMessage());
        }
        state = state.loginFailed();
        failedLogins++;
        log.info("ftp {}: failed login from {}", sessionId, transport().getPeer());
        if (failedLogins >= limits.failedLogins()) {
            closeWith(421, "Too many failed logins.");
            return;
        }
        reply(530, "Login incorrect.");
    }

    private void logout() {
        if (login != null) {
            LoginResult done = login;
            login = null;
            files = null;
            done.logout();
        }
    }

    // ---------------------------------------------------------------- session commands

    private void quit() {
        reply(221, "Goodbye.");
        state = state.close();
        idle.cancel();
        endTransferQuietly();
        closeData();
        logout();
        transport().loseConnection();
    }

    private void feat() {
        List<String> lines = new ArrayList<>();
        lines.add("Features:");
        if (config.tls() != null) {
            lines.add(" AUTH TLS");
            lines.add(" PBSZ");
            lines.add(" PROT");
        }
        lines.add(" EPRT");
        lines.add(" EPSV");
        lines.add(" MDTM");
        lines.add(" MFMT");
        lines.add(" MLST type*;size*;modify*;perm*;");
        lines.add(" PASV");
        lines.add(" REST STREAM");
        lines.add(" SIZE");
        lines.add(" TVFS");
        lines.add(" UTF8");
        lines.add("End");
        send(new FtpReply(211, lines));
    }

    private void opts(FtpCommand command) {
        String option = command.argument().trim().toUpperCase(Locale.ROOT);
        if (option.equals("UTF8") || option.equals("UTF8 ON")) {
            reply(200, "Always in UTF8 mode.");
        } else if (option.startsWith("MLST ")) {
            // RFC 3659 §7.9: this server always sends its four facts.
            reply(200, "MLST OPTS type;size;modify;perm;");
        } else {
            reply(501, "Option not understood.");
        }
    }

    private void help() {
        send(new FtpReply(214, List.of("The following commands are recognized.",
                " ABOR ALLO APPE AUTH CDUP CWD DELE EPRT EPSV FEAT HELP LIST MDTM MKD MLSD MLST MODE NLST NOOP OPTS PASS",
                " PASV PBSZ PORT PROT PWD QUIT REST RETR RMD RNFR RNTO SIZE STAT STOR STOU STRU SYST TYPE USER",
                "Help OK.")));
    }

    private void auth(FtpCommand command) {
        String mechanism = command.argument().trim().toUpperCase(Locale.ROOT);
        if (config.tls() == null || !(transport() instanceof TlsCapableTransport tlsTransport)) {
            reply(502, "TLS not available.");
            return;
        }
        if (tlsActive) {
            reply(503, "Already using TLS.");
            return;
        }
        if (!mechanism.equals("TLS") && !mechanism.equals("TLS-C") && !mechanism.equals("SSL")) {
            reply(504, "AUTH type not supported.");
            return;
        }
        reply(234, "Proceed with negotiation.");
        // RFC 4217 §4 (as RFC 2595 §4): what was sent in the clear after AUTH is not a command under TLS.
        int dropped = decoder.reset();
        if (dropped > 0 || !queue.isEmpty()) {
            log.warn("ftp {}: discarding plaintext pipelined after AUTH TLS from {}", sessionId, transport().getPeer());
        }
        queue.clear();
        tlsEpoch++;
        tlsActive = true;
        if (config.tlsSessionReuseRequired()) {
            controlTls = new ControlTlsSession(tlsTransport, config.tls());
            tlsTransport.startTLS(controlTls.controlOptions());
        } else {
            tlsTransport.startTLS(config.tls());
        }
    }

    private void pbsz(FtpCommand command) {
        if (!tlsActive) {
            reply(503, "PBSZ needs AUTH TLS first.");
            return;
        }
        if (!command.argument().matches("[0-9]{1,10}")) {
            reply(501, "Syntax: PBSZ 0");
            return;
        }
        // RFC 4217 §8: a stream protocol under TLS buffers nothing; any size is answered with 0.
        protectionBufferSet = true;
        reply(200, "PBSZ=0");
    }

    private void prot(FtpCommand command) {
        if (!protectionBufferSet) {
            reply(503, "PROT needs PBSZ first.");
            return;
        }
        switch (command.argument().trim().toUpperCase(Locale.ROOT)) {
            case "P" -> {
                protectData = true;
                reply(200, "PROT now Private.");
            }
            case "C" -> {
                protectData = false;
                reply(200, "PROT now Clear.");
            }
            case "S", "E" -> reply(536, "PROT level not supported.");
            default -> reply(504, "Unknown PROT level.");
        }
    }

    private void status(FtpCommand command) {
        if (command.hasArgument()) {
            reply(504, "STAT with an argument is not supported; use LIST.");
            return;
        }
        send(new FtpReply(211, List.of("Torsion FTP server status:", " Logged in", " TYPE: " + (ascii ? "ASCII" : "BINARY"),
                " Control connection " + (tlsActive ? "TLS" : "plain text") + ", data " + (protectData ? "TLS" : "plain text"),
                "End of status")));
    }

    // ---------------------------------------------------------------- representation

    private void type(FtpCommand command) {
        switch (command.argument().toUpperCase(Locale.ROOT)) {
            case "A", "A N" -> {
                ascii = true;
                reply(200, "Switching to ASCII mode.");
            }
            case "I", "L 8" -> {
                ascii = false;
                reply(200, "Switching to Binary mode.");
            }
            case "" -> reply(501, "Syntax: TYPE A or TYPE I");
            default -> reply(504, "Unsupported type.");
        }
    }

    private void oneValue(FtpCommand command, String supported, String ok, String refused) {
        if (!command.hasArgument()) {
            reply(501, "Syntax error in parameters or arguments.");
        } else if (command.argument().equalsIgnoreCase(supported)) {
            reply(200, ok);
        } else {
            reply(504, refused);
        }
    }

    // ---------------------------------------------------------------- data channel setup

    /** Applies what a data channel request earned: the new channel, and its reply (or the close). */
    private void apply(DataChannelRequests.Outcome outcome) {
        if (outcome.fatal()) {
            closeWith(outcome.reply().code(), outcome.reply().text());
            return;
        }
        if (outcome.channel() != null) {
            data = outcome.channel();
        }
        send(outcome.reply());
    }

    /**
     * Data connections under PROT P speak TLS 1.2: a TLS 1.3 server sends session tickets after the
     * handshake, which an uploading client never reads; closing a socket with unread data makes its
     * kernel answer with a reset that destroys the upload's tail (seen with lftp over GnuTLS). A
     * TLS 1.2 client's session is resumed from the shared context's cache; when the server requires
     * it, the data connection must resume the control connection's (then TLS 1.2 as well).
     */
    private DataTls dataTls() {
        return protectData ? new DataTls(dataTlsOptions, controlTls) : null;
    }

    private void closeData() {
        if (data != null) {
            data.close();
            data = null;
        }
    }

    // ---------------------------------------------------------------- transfers

    /** Checks that a transfer may start; answers and returns false when not. */
    private boolean transferAllowed() {
        if (data == null) {
            reply(425, "Use PORT or PASV first.");
            return false;
        }
        if (config.tlsRequired() && !protectData && !anonymousLogin) {
            reply(521, "Data connections must be protected: PROT P.");
            closeData();
            return false;
        }
        return true;
    }

    /**
     * Answers 150, waits for the data connection and hands it to {@code run}; 425 when it does not
     * come. {@code release} frees what the transfer holds, however it ends.
     */
    private Transfer begin(String opening, Runnable release, Consumer<DataConnection> run) {
        DataChannel channel = data;
        data = null;
        Transfer started = new Transfer(channel, release);
        transfer = started;
        busy = true;
        idle.cancel();
        reply(150, opening);
        channel.connect(limits.dataConnectTimeout(), connection -> {
            if (transfer == started) {
                run.accept(connection);
            }
        }, refusal -> finish(started, refusal.code(), refusal.text()));
        return started;
    }

    /** Ends {@code ended} (if it is still the current transfer) with a reply. */
    private void finish(Transfer ended, int code, String text) {
        if (transfer != ended) {
            return;
        }
        transfer = null;
        ended.release.run();
        ended.channel.close();
        channelRequests.transferDone();
        busy = false;
        if (state == FtpState.CLOSED) {
            return;
        }
        idle.setTimeout(limits.idleTimeout());
        reply(code, text);
        processQueue();
    }

    private void endTransferQuietly() {
        if (transfer != null) {
            Transfer ended = transfer;
            transfer = null;
            ended.release.run();
            ended.channel.close();
        }
    }

    /** ABOR (RFC 959 §4.1.3): 426 for the transfer it ends and 226, or 225 when none runs. */
    private void abort() {
        if (transfer == null) {
            closeData();
            reply(225, "No transfer to abort.");
            return;
        }
        Transfer ended = transfer;
        transfer = null;
        ended.release.run();
        ended.channel.close();
        busy = false;
        channelRequests.transferDone();
        idle.setTimeout(limits.idleTimeout());
        reply(426, "Transfer aborted.");
        reply(226, "ABOR successful.");
        processQueue();
    }

    private String modeName() {
        return ascii ? "ASCII" : "BINARY";
    }

    private void retrieve(FtpCommand command) {
        if (!requireArgument(command) || !transferAllowed()) {
            return;
        }
        FtpPath path = cwd.resolve(command.argument());
        long offset = takeRestart();
        busy = true;
        files.openRead(path, offset).addBoth((channel, failure) -> {
            if (!resume(failure, path, channel)) {
                return null;
            }
            begin("Opening " + modeName() + " mode data connection for " + path + ".", () -> closeQuietly(channel),
                    connection -> send(connection, channel));
            return null;
        });
    }

    /** After a file system call: false (having answered and resumed) when it failed or the session closed. */
    private boolean resume(Failure failure, FtpPath path, AutoCloseable opened) {
        if (state == FtpState.CLOSED) {
            closeQuietly(opened);
            return false;
        }
        if (failure != null) {
            busy = false;
            fileError(failure, path);
            processQueue();
            return false;
        }
        return true;
    }

    private void send(DataConnection connection, SeekableByteChannel channel) {
        Transfer current = transfer;
        connection.whenLost(reason -> finish(current, current.complete ? 226 : 426,
                current.complete ? "Transfer complete." : "Connection closed; transfer aborted."));
        if (!ascii && channel instanceof FileChannel file && connection.transport() instanceof FileSendingTransport zeroCopy) {
            long position;
            long size;
            try {
                position = file.position();
                size = file.size();
            } catch (IOException e) {
                finish(current, 451, "Local error in processing.");
                return;
            }
            zeroCopy.sendFile(file, position, Math.max(0, size - position)).addBoth((sent, failure) -> {
                if (failure == null && transfer == current) {
                    current.complete = true;
                    connection.transport().loseConnection();
                }
                return null;
            });
            return;
        }
        new ChannelReader(reactor, channel, connection.transport(), ascii, error -> {
            if (transfer != current) {
                return;
            }
            if (error != null) {
                log.warn("ftp {}: reading failed: {}", sessionId, error.toString());
                finish(current, 451, "Local error in processing.");
                return;
            }
            current.complete = true;
            connection.transport().loseConnection();
        }).start();
    }

    private void store(FtpCommand command, FtpFileSystem.WriteMode mode) {
        if (!requireArgument(command) || !requireWritable() || !transferAllowed()) {
            return;
        }
        FtpPath path = cwd.resolve(command.argument());
        long offset = takeRestart();
        busy = true;
        files.openWrite(path, mode, offset).addBoth((channel, failure) -> {
            if (resume(failure, path, channel)) {
                begin("Ok to send data.", () -> closeQuietly(channel), connection -> receive(connection, channel));
            }
            return null;
        });
    }

    private void storeUnique() {
        if (!requireWritable() || !transferAllowed()) {
            return;
        }
        takeRestart();
        busy = true;
        files.openUnique(cwd).addBoth((unique, failure) -> {
            if (resume(failure, cwd, unique == null ? null : unique.channel())) {
                // RFC 1123 §4.1.2.9: the 150 reply names the file.
                begin("FILE: " + unique.path().name(), () -> closeQuietly(unique.channel()),
                        connection -> receive(connection, unique.channel()));
            }
            return null;
        });
    }

    private void receive(DataConnection connection, SeekableByteChannel channel) {
        Transfer current = transfer;
        ChannelWriter upload = new ChannelWriter(reactor, channel, connection.transport(), ascii);
        connection.whenLost(reason -> {
            if (transfer != current) {
                return;
            }
            if (reason.check(ConnectionDone.class) == null) {
                log.info("ftp {}: upload cut short: {}", sessionId, reason.getErrorMessage());
                finish(current, 426, "Connection closed; transfer aborted.");
                return;
            }
            upload.end(error -> {
                if (error != null) {
                    log.warn("ftp {}: writing failed: {}", sessionId, error.toString());
                    finish(current, 451, "Local error in processing.");
                    return;
                }
                reactor.deferToThread(() -> {
                    channel.close();
                    return null;
                }).addBoth((ignored, closeFailure) -> {
                    finish(current, closeFailure == null ? 226 : 451, closeFailure == null ? "Transfer complete." : "Local error in processing.");
                    return null;
                });
            });
        });
        connection.receiveInto(upload::received, limits.dataIdleTimeout());
    }

    private long takeRestart() {
        long offset = restart;
        restart = 0;
        return offset;
    }

    private void rest(FtpCommand command) {
        if (!command.argument().matches("[0-9]{1,18}")) {
            reply(501, "Syntax: REST offset");
            return;
        }
        restart = Long.parseLong(command.argument());
        reply(350, "Restarting at " + restart + ". Send STOR or RETR.");
    }

    // ---------------------------------------------------------------- listings

    private static String withoutOptions(String argument) {
        String rest = argument.trim();
        // ls-style options (LIST -la) are accepted and ignored, as by most servers.
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).trim();
        }
        return rest;
    }

    private void list(FtpCommand command, String kind) {
        if (!transferAllowed()) {
            return;
        }
        String argument = kind.equals("MLSD") ? command.argument() : withoutOptions(command.argument());
        FtpPath path = cwd.resolve(argument);
        busy = true;
        files.stat(path).addBothDeferred((entry, failure) -> {
            if (failure != null) {
                return Deferred.<List<FileEntry>>fail(failure);
            }
            if (!entry.directory()) {
                if (kind.equals("MLSD")) {
                    return Deferred.<List<FileEntry>>fail(new NotDirectoryException(path.toString()));
                }
                return Deferred.succeed(List.of(entry));
            }
            return files.list(path);
        }).addBoth((entries, failure) -> {
            if (!resume(failure, path, null)) {
                return null;
            }
            byte[] listing = switch (kind) {
                case "NLST" -> Listings.names(entries);
                case "MLSD" -> Listings.machine(entries);
                default -> Listings.longForm(entries, Instant.now());
            };
            begin("Here comes the directory listing.", () -> { }, connection -> {
                Transfer current = transfer;
                connection.whenLost(reason -> finish(current, current.complete ? 226 : 426,
                        current.complete ? "Directory send OK." : "Connection closed; transfer aborted."));
                connection.transport().write(listing);
                current.complete = true;
                connection.transport().loseConnection();
            });
            return null;
        });
    }

    private void mlst(FtpCommand command) {
        FtpPath path = cwd.resolve(command.argument());
        busy = true;
        files.stat(path).addBoth((entry, failure) -> {
            if (!resume(failure, path, null)) {
                return null;
            }
            busy = false;
            if (!Listings.listable(path.toString())) {
                reply(550, "Name not listable.");
            } else {
                // RFC 3659 §7.2: the facts line starts with a space and names the path asked for.
                send(new FtpReply(250, List.of("Listing " + path, " " + Listings.facts(entry) + " " + path, "End")));
            }
            processQueue();
            return null;
        });
    }

    private void size(FtpCommand command) {
        if (!requireArgument(command)) {
            return;
        }
        if (ascii) {
            // RFC 3659 §4: in ASCII the size would be the transferred one, which only reading tells.
            reply(550, "SIZE not allowed in ASCII mode.");
            return;
        }
        statThen(command, entry -> {
            if (entry.directory()) {
                reply(550, "Not a regular file.");
            } else {
                reply(213, Long.toString(entry.size()));
            }
        });
    }

    private void mdtm(FtpCommand command) {
        if (requireArgument(command)) {
            statThen(command, entry -> reply(213, Listings.TIME_VAL.format(entry.modified())));
        }
    }

    /** MFMT (draft-somers-ftp-mfxx §3): {@code MFMT YYYYMMDDHHMMSS path}, answered {@code 213 Modify=...; path}. */
    private void mfmt(FtpCommand command) {
        String argument = command.argument();
        int space = argument.indexOf(' ');
        Instant modified = space < 0 ? null : Listings.parseTimeVal(argument.substring(0, space));
        if (modified == null || space == argument.length() - 1) {
            reply(501, "Syntax: MFMT YYYYMMDDHHMMSS path");
            return;
        }
        if (!requireWritable()) {
            return;
        }
        FtpPath path = cwd.resolve(argument.substring(space + 1));
        change(command, p -> files.setModified(path, modified), 213,
                "Modify=" + Listings.TIME_VAL.format(modified) + "; " + argument.substring(space + 1));
    }

    private void statThen(FtpCommand command, Consumer<FileEntry> then) {
        FtpPath path = cwd.resolve(command.argument());
        busy = true;
        files.stat(path).addBoth((entry, failure) -> {
            if (resume(failure, path, null)) {
                busy = false;
                then.accept(entry);
                processQueue();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- directories and names

    private void cwd(String argument) {
        FtpPath path = cwd.resolve(argument);
        busy = true;
        files.stat(path).addBoth((entry, failure) -> {
            if (state == FtpState.CLOSED) {
                return null;
            }
            busy = false;
            if (failure == null && entry.directory()) {
                cwd = path;
                reply(250, "Directory successfully changed.");
            } else {
                reply(550, "Failed to change directory.");
            }
            processQueue();
            return null;
        });
    }

    private void mkd(FtpCommand command) {
        if (!requireArgument(command) || !requireWritable()) {
            return;
        }
        FtpPath path = cwd.resolve(command.argument());
        change(command, p -> files.makeDirectory(p), 257, FtpReply.quotePath(path.toString()) + " created");
    }

    private interface Change {
        Deferred<Void> apply(FtpPath path);
    }

    private void change(FtpCommand command, Change change, int code, String text) {
        if (!requireArgument(command) || !requireWritable()) {
            return;
        }
        FtpPath path = cwd.resolve(command.argument());
        busy = true;
        change.apply(path).addBoth((ignored, failure) -> {
            if (resume(failure, path, null)) {
                busy = false;
                reply(code, text);
                processQueue();
            }
            return null;
        });
    }

    private void renameFrom(FtpCommand command) {
        if (!requireArgument(command) || !requireWritable()) {
            return;
        }
        FtpPath path = cwd.resolve(command.argument());
        busy = true;
        files.stat(path).addBoth((entry, failure) -> {
            if (resume(failure, path, null)) {
                busy = false;
                renameFrom = path;
                state = state.renameFrom();
                reply(350, "Ready for RNTO.");
                processQueue();
            }
            return null;
        });
    }

    private void renameTo(FtpCommand command) {
        if (state != FtpState.RENAME_PENDING) {
            reply(503, "RNFR required first.");
            return;
        }
        FtpPath from = renameFrom;
        renameFrom = null;
        state = state.renameDone();
        if (!requireArgument(command)) {
            return;
        }
        change(command, to -> files.rename(from, to), 250, "Rename successful.");
    }

    private boolean requireArgument(FtpCommand command) {
        if (!command.hasArgument()) {
            reply(501, "Syntax error in parameters or arguments.");
            return false;
        }
        return true;
    }

    private boolean requireWritable() {
        if (!files.writable()) {
            reply(550, "Permission denied.");
            return false;
        }
        return true;
    }

    /** RFC 959 §4.2: file system failures are 550 (the file is unavailable) or 451 (a local error). */
    private void fileError(Failure failure, FtpPath path) {
        FtpReply reply = FileErrorReplies.of(failure.value());
        if (reply.code() == 451) {
            log.warn("ftp {}: file system error on {}: {}", sessionId, path, failure.getErrorMessage());
        }
        send(reply);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("ftp: closing failed: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- replies

    private void reply(int code, String text) {
        send(FtpReply.of(code, text));
    }

    private void send(FtpReply reply) {
        if (state == FtpState.CLOSED && reply.code() != 221 && reply.code() != 421) {
            return;
        }
        transport().write(reply.encode());
        if (reply.code() >= 500 && state != FtpState.CLOSED && ++errors >= limits.errorsBeforeDisconnect()) {
            log.info("ftp {}: too many errors from {}", sessionId, transport().getPeer());
            closeWith(421, "Too many errors.");
        }
    }

    private void timedOut() {
        if (state != FtpState.CLOSED && transfer == null) {
            log.info("ftp {}: idle timeout for {}", sessionId, transport().getPeer());
            closeWith(421, "Timeout: closing control connection.");
        }
    }

    private void closeWith(int code, String text) {
        boolean wasOpen = state != FtpState.CLOSED;
        state = state.close();
        idle.cancel();
        queue.clear();
        if (wasOpen) {
            transport().write(FtpReply.of(code, text).encode());
        }
        endTransferQuietly();
        closeData();
        logout();
        transport().loseConnection();
    }
}
