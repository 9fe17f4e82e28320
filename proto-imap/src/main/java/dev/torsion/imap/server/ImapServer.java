package dev.torsion.imap.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.imap.ImapLimits;
import dev.torsion.imap.parse.DecoderEvent;
import dev.torsion.imap.parse.ImapCommand;
import dev.torsion.imap.parse.ImapCommandDecoder;
import dev.torsion.imap.parse.ImapCommandLine;
import dev.torsion.imap.parse.ImapCommandParser;
import dev.torsion.imap.parse.ImapParseException;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP4rev1 (RFC 3501) and IMAP4rev2 (RFC 9051, once the client enables it) server session
 * with LITERAL+ (RFC 7888), SASL-IR (RFC 4959), ID (RFC 2971), ENABLE (RFC 5161), IDLE (RFC 2177),
 * UIDPLUS (RFC 4315), MOVE (RFC 6851), NAMESPACE (RFC 2342), UNSELECT (RFC 3691), CHILDREN (RFC 3348),
 * SPECIAL-USE (RFC 6154), LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819), ESEARCH (RFC 4731),
 * SEARCHRES (RFC 5182), BINARY (RFC 3516), STATUS=SIZE (RFC 8438), CONDSTORE and QRESYNC (RFC 7162);
 * STARTTLS and LOGINDISABLED before TLS (RFC 3501 §6.2.1, §7.2.1). Logins go through a cred portal whose realm
 * gives an {@link ImapAccount}.
 *
 * <p>Commands are answered one at a time: the next is read only when the one before has its
 * tagged reply. After each command in the selected state the mailbox is looked at again, and
 * what others changed is told then, EXPUNGE never during FETCH, STORE or SEARCH (RFC 3501 §7.4.1).
 */
public final class ImapServer extends Protocol implements CommandContext {
    private static final Logger log = LoggerFactory.getLogger(ImapServer.class);
    private static final AtomicLong SESSIONS = new AtomicLong();
    private static final String BASE_CAPABILITIES = "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS MOVE NAMESPACE UNSELECT "
            + "SPECIAL-USE CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH SEARCHRES BINARY STATUS=SIZE CONDSTORE QRESYNC";

    /**
     * Commands after which the mailbox is looked at only if that means no wait (RFC 3501 §7: the
     * server may tell others' changes at a later command); the ones that tell the client's own
     * changes through the sync (EXPUNGE, MOVE, APPEND's EXISTS) and the ones clients poll with
     * (NOOP, CHECK) always look.
     */
    private static final Set<String> MAY_DEFER_UPDATES = Set.of("FETCH", "UID FETCH", "SEARCH", "UID SEARCH", "STORE", "UID STORE",
            "COPY", "UID COPY");

    private final ImapServerConfig config;
    private final ImapLimits limits;
    private final Clock clock;
    private final ImapCommandDecoder decoder;
    private final ImapCommandParser parser;
    private final IdleTimeout idleTimer;
    private final String sessionId = Long.toString(SESSIONS.incrementAndGet(), 36);
    private final AccountCommands accountCommands = new AccountCommands(this);
    private final SelectedCommands selectedCommands = new SelectedCommands(this);
    private final OutputGate output = new OutputGate();

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private InputMode mode = InputMode.READY;
    private boolean tls;
    private boolean readingPaused;
    private int failedLogins;
    private int badCommands;
    private LoginResult login;
    private ImapAccount account;
    private SelectedMailbox selected;
    private Consumer<byte[]> continuation;
    private IdleExchange idling;
    private boolean condStoreEnabled;
    private boolean qresyncEnabled;
    private boolean rev2Enabled;

    /** A session configured by {@code config}, with timers on {@code clock}. */
    public ImapServer(ImapServerConfig config, Clock clock) {
        this.config = config;
        this.limits = config.limits();
        this.clock = clock;
        this.tls = config.implicitTls();
        this.decoder = new ImapCommandDecoder(limits);
        this.parser = new ImapCommandParser(limits.nestingDepth());
        this.idleTimer = new IdleTimeout(clock, this::timedOut);
    }

    /** The session's state. */
    public SessionState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idleTimer.setTimeout(limits.idleTimeout());
        transport().registerProducer(output, true);
        writeText("* OK [CAPABILITY " + capabilities() + "] " + config.hostname() + " Torsion IMAP4rev1 ready\r\n");
    }

    @Override
    public void connectionLost(Failure reason) {
        idleTimer.cancel();
        stopIdling();
        state = state.logout();
        logout();
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == SessionState.LOGOUT) {
            return;
        }
        decoder.feed(data);
        if (decoder.buffered() > limits.pipelinedBytes() && !readingPaused) {
            // Backpressure: a client pipelining faster than we answer waits in its socket, not in our memory.
            readingPaused = true;
            transport().pauseProducing();
        }
        pump();
    }

    /** Reads events while the session may take them. */
    private void pump() {
        while (state != SessionState.LOGOUT && mode != InputMode.BUSY) {
            DecoderEvent event = decoder.next();
            if (event == null) {
                break;
            }
            idleTimer.resetTimeout();
            handle(event);
        }
        if (readingPaused && decoder.buffered() < limits.pipelinedBytes() / 2 && state != SessionState.LOGOUT) {
            readingPaused = false;
            transport().resumeProducing();
        }
    }

    private void handle(DecoderEvent event) {
        if (event instanceof DecoderEvent.CommandReady ready) {
            command(ready.command());
        } else if (event instanceof DecoderEvent.ContinuationNeeded) {
            writeText("+ Ready for literal data\r\n");
        } else if (event instanceof DecoderEvent.RawLine raw) {
            Consumer<byte[]> handler = continuation;
            continuation = null;
            mode = InputMode.BUSY;
            handler.accept(raw.line());
        } else if (event instanceof DecoderEvent.Refused refused) {
            refused(refused.refusal());
        }
    }

    private void refused(ImapParseException refusal) {
        log.info("imap {}: refused from {}: {}", sessionId, transport().getPeer(), refusal.getMessage());
        writeText(refusal.reply());
        if (refusal.fatal()) {
            closeSession();
        } else {
            countBad();
        }
    }

    private void command(ImapCommandLine line) {
        ImapCommand command;
        try {
            command = parser.parse(line);
        } catch (ImapParseException e) {
            refused(e);
            return;
        }
        mode = InputMode.BUSY;
        Deferred<Completion> result;
        try {
            result = dispatch(command);
        } catch (RuntimeException e) {
            result = Deferred.fail(e);
        }
        result.addBoth((completion, failure) -> {
            finish(command, completion, failure);
            return null;
        });
    }

    // ---------------------------------------------------------------- dispatch by state (RFC 3501 §6)

    private Deferred<Completion> dispatch(ImapCommand command) {
        String name = command.name();
        switch (name) {
            case "CAPABILITY":
                writeText("* CAPABILITY " + capabilities() + "\r\n");
                return done("CAPABILITY completed");
            case "NOOP":
                return done("NOOP completed");
            case "LOGOUT":
                return logoutCommand();
            case "ID":
                writeText("* ID (\"name\" \"Torsion\" \"vendor\" \"Torsion\")\r\n");
                return done("ID completed");
            default:
                break;
        }
        if (state == SessionState.NOT_AUTHENTICATED) {
            return notAuthenticated(command);
        }
        if (command instanceof ImapCommand.Login || command instanceof ImapCommand.Authenticate || name.equals("STARTTLS")) {
            return bad("Already authenticated");
        }
        Deferred<Completion> authenticated = authenticated(command);
        if (authenticated != null) {
            return authenticated;
        }
        if (state != SessionState.SELECTED) {
            return bad("No mailbox selected");
        }
        return selectedState(command);
    }

    private Deferred<Completion> notAuthenticated(ImapCommand command) {
        if (command instanceof ImapCommand.Login login) {
            return login(login);
        }
        if (command instanceof ImapCommand.Authenticate authenticate) {
            return authenticate(authenticate);
        }
        if (command.name().equals("STARTTLS")) {
            return startTls();
        }
        return bad("Log in first");
    }

    private Deferred<Completion> authenticated(ImapCommand command) {
        if (command instanceof ImapCommand.Select select) {
            return accountCommands.select(select);
        }
        if (command instanceof ImapCommand.OnMailbox on) {
            return switch (on.name()) {
                case "CREATE" -> accountCommands.create(on.mailbox());
                case "DELETE" -> accountCommands.delete(on.mailbox());
                case "SUBSCRIBE" -> accountCommands.subscribe(on.mailbox(), true);
                default -> accountCommands.subscribe(on.mailbox(), false);
            };
        }
        if (command instanceof ImapCommand.Rename rename) {
            return accountCommands.rename(rename.from(), rename.to());
        }
        if (command instanceof ImapCommand.ListMailboxes list) {
            return accountCommands.list(list);
        }
        if (command instanceof ImapCommand.Status status) {
            return accountCommands.status(status);
        }
        if (command instanceof ImapCommand.Append append) {
            return accountCommands.append(append);
        }
        if (command instanceof ImapCommand.Enable enable) {
            return enable(enable);
        }
        return switch (command.name()) {
            case "NAMESPACE" -> {
                writeText("* NAMESPACE ((\"\" \"" + account.delimiter() + "\")) NIL NIL\r\n");
                yield done("NAMESPACE completed");
            }
            case "IDLE" -> idle(command.tag());
            default -> null;
        };
    }

    /**
     * ENABLE (RFC 5161): CONDSTORE, QRESYNC which enables CONDSTORE too (RFC 7162 §3.2.3), and
     * IMAP4rev2 (RFC 9051 §6.3.1), which changes the session from then on: mailbox names in
     * UTF-8, no \Recent or RECENT, SELECT's LIST, ESEARCH for every SEARCH. IMAP4rev2 is only
     * enabled before a mailbox is selected (RFC 5161 §3.1 allows ENABLE only then; a view taken
     * under IMAP4rev1 rules stays so). {@code * ENABLED} lists what this command enabled; names
     * the server does not know or cannot enable are left out, as RFC 5161 §3.1 asks.
     */
    private Deferred<Completion> enable(ImapCommand.Enable command) {
        StringBuilder line = new StringBuilder("* ENABLED");
        boolean condStoreBefore = condStoreEnabled;
        for (String capability : command.capabilities()) {
            if (capability.equals("IMAP4REV2") && !rev2Enabled && selected == null) {
                rev2Enabled = true;
                parser.useUtf8MailboxNames();
                line.append(" IMAP4rev2");
            } else if (capability.equals("CONDSTORE") && !condStoreEnabled) {
                condStoreEnabled = true;
                line.append(" CONDSTORE");
            } else if (capability.equals("QRESYNC") && !qresyncEnabled) {
                qresyncEnabled = true;
                condStoreEnabled = true;
                line.append(" QRESYNC");
            }
        }
        writeText(line.append("\r\n").toString());
        if (!condStoreBefore && condStoreEnabled && selected != null) {
            writeText(selected.modSeqStatus());
        }
        return done("ENABLE completed");
    }

    private Deferred<Completion> selectedState(ImapCommand command) {
        if (command instanceof ImapCommand.Fetch fetch) {
            return selectedCommands.fetch(fetch);
        }
        if (command instanceof ImapCommand.Store store) {
            return selectedCommands.store(store);
        }
        if (command instanceof ImapCommand.Search search) {
            return selectedCommands.search(search);
        }
        if (command instanceof ImapCommand.Copy copy) {
            return selectedCommands.copy(copy);
        }
        if (command instanceof ImapCommand.UidExpunge expunge) {
            return selectedCommands.expunge(expunge.set(), "UID EXPUNGE");
        }
        return switch (command.name()) {
            case "CHECK" -> done("CHECK completed");
            case "CLOSE" -> selectedCommands.close();
            case "UNSELECT" -> {
                select(null);
                yield done("UNSELECT completed");
            }
            case "EXPUNGE" -> selectedCommands.expunge(null, "EXPUNGE");
            default -> bad("Command not valid in this state");
        };
    }

    private static Deferred<Completion> done(String text) {
        return Deferred.succeed(Completion.ok(text));
    }

    private static Deferred<Completion> bad(String text) {
        return Deferred.succeed(Completion.bad(text));
    }

    /**
     * Ends a command: in the selected state the mailbox is synced first and what changed is
     * written (EXPUNGE only where RFC 3501 §7.4.1 allows), then the tagged reply, then the next
     * command is read.
     */
    private void finish(ImapCommand command, Completion completion, Failure failure) {
        if (state == SessionState.LOGOUT) {
            return;
        }
        Completion result = failure == null ? completion : completionOf(command, failure);
        if (selected == null || command.name().equals("LOGOUT")) {
            reply(command, result);
            return;
        }
        boolean allowExpunge = !command.name().equals("FETCH") && !command.name().equals("STORE") && !command.name().equals("SEARCH");
        SelectedMailbox view = selected;
        Deferred<MailboxSnapshot> sync = MAY_DEFER_UPDATES.contains(command.name()) ? view.mailbox().syncUnlessBusy() : view.mailbox().sync();
        sync.addBoth((snapshot, syncFailure) -> {
            if (state == SessionState.LOGOUT) {
                return null;
            }
            if (syncFailure == null && snapshot == null) {
                // Another session is changing the mailbox: what it changes is told at a later command.
                reply(command, result);
                return null;
            }
            if (syncFailure == null && view == selected) {
                ResponseBuilder out = new ResponseBuilder();
                if (!view.update(snapshot, allowExpunge, condStoreEnabled, qresyncEnabled, out)) {
                    uidValidityChanged(view);
                    return null;
                }
                write(out.bytes());
                reply(command, withHighestModSeq(command, result, view));
                return null;
            }
            if (syncFailure != null) {
                log.warn("imap {}: syncing {} failed: {}", sessionId, view.name(), syncFailure.getErrorMessage());
            }
            reply(command, result);
            return null;
        });
    }

    /**
     * Once QRESYNC is enabled, EXPUNGE and UID EXPUNGE tell the HIGHESTMODSEQ their VANISHED
     * responses left the mailbox at (RFC 7162 §3.2.10), as VANISHED itself carries none.
     */
    private Completion withHighestModSeq(ImapCommand command, Completion result, SelectedMailbox view) {
        boolean expunge = command.name().equals("EXPUNGE") || command.name().equals("UID EXPUNGE");
        if (!qresyncEnabled || !expunge || !result.status().equals("OK") || result.code() != null || view.highestModSeq() == 0) {
            return result;
        }
        return Completion.ok("HIGHESTMODSEQ " + view.highestModSeq(), result.text());
    }

    /**
     * The store gave the selected mailbox a new UIDVALIDITY (its UID list was lost): the client's
     * UIDs mean nothing any more, so the session ends rather than let it act on the wrong messages
     * (RFC 3501 §2.3.1.1).
     */
    private void uidValidityChanged(SelectedMailbox view) {
        log.warn("imap {}: UIDVALIDITY of {} changed under the session", sessionId, view.name());
        writeText("* BYE Mailbox UIDVALIDITY changed; select it again\r\n");
        closeSession();
    }

    private Completion completionOf(ImapCommand command, Failure failure) {
        if (failure.value() instanceof MailboxException refusal) {
            return Completion.no(refusal.code(), refusal.getMessage());
        }
        log.error("imap {}: {} failed: {}", sessionId, command.name(), failure.getErrorMessage(), failure.value());
        return Completion.no("SERVERBUG", "Internal error");
    }

    private void reply(ImapCommand command, Completion completion) {
        writeText(completion.line(command.tag()));
        if (completion.bye() != null) {
            if (!completion.bye().isEmpty()) {
                writeText("* BYE " + completion.bye() + "\r\n");
            }
            closeSession();
            return;
        }
        if (command.name().equals("STARTTLS") && completion.status().equals("OK")) {
            beginTls();
        }
        if (completion.status().equals("BAD")) {
            countBad();
        }
        if (state == SessionState.LOGOUT) {
            return;
        }
        mode = InputMode.READY;
        pump();
    }

    private void countBad() {
        badCommands++;
        if (badCommands >= limits.badCommands() && state != SessionState.LOGOUT) {
            writeText("* BYE Too many invalid commands\r\n");
            closeSession();
        }
    }

    // ---------------------------------------------------------------- not authenticated (RFC 3501 §6.2)

    private String capabilities() {
        StringBuilder out = new StringBuilder(BASE_CAPABILITIES);
        if (!state.authenticated()) {
            if (startTlsOffered()) {
                out.append(" STARTTLS");
            }
            if (loginAllowed()) {
                out.append(" AUTH=PLAIN");
            } else {
                out.append(" LOGINDISABLED");
            }
        }
        return out.toString();
    }

    private boolean loginAllowed() {
        return tls || config.plaintextLogin();
    }

    private boolean startTlsOffered() {
        return config.tls() != null && !tls && transport() instanceof TlsCapableTransport;
    }

    /** STARTTLS (RFC 3501 §6.2.1): input pipelined after it is dropped, as it came in the clear. */
    private Deferred<Completion> startTls() {
        if (!startTlsOffered()) {
            return bad(tls ? "TLS already active" : "STARTTLS not available");
        }
        return done("Begin TLS negotiation now");
    }

    /** After the tagged OK: input pipelined behind STARTTLS came in the clear and is dropped (RFC 3501 §6.2.1). */
    private void beginTls() {
        int dropped = decoder.discardBuffered();
        if (dropped > 0) {
            log.warn("imap {}: discarding {} plaintext bytes pipelined after STARTTLS from {}", sessionId, dropped, transport().getPeer());
        }
        tls = true;
        ((TlsCapableTransport) transport()).startTLS(config.tls());
    }

    private Deferred<Completion> login(ImapCommand.Login command) {
        if (!loginAllowed()) {
            return Deferred.succeed(Completion.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections"));
        }
        return logIn(command.user(), command.password());
    }

    /** AUTHENTICATE PLAIN (RFC 4616), the response on the command line (SASL-IR, RFC 4959) or after {@code + }. */
    private Deferred<Completion> authenticate(ImapCommand.Authenticate command) {
        if (!command.mechanism().equals("PLAIN")) {
            return Deferred.succeed(Completion.no("CANNOT", "Unsupported authentication mechanism"));
        }
        if (!loginAllowed()) {
            return Deferred.succeed(Completion.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections"));
        }
        if (command.initialResponse() != null) {
            return plain(command.initialResponse().equals("=") ? "" : command.initialResponse());
        }
        Deferred<Completion> result = new Deferred<>();
        awaitContinuation("+ \r\n", line -> {
            String response = new String(line, StandardCharsets.US_ASCII);
            if (response.equals("*")) {
                // RFC 3501 §6.2.2: the client cancels; the server answers BAD.
                result.callback(Completion.bad("Authentication cancelled"));
                return;
            }
            plain(response).addBoth((completion, failure) -> {
                if (failure != null) {
                    result.errback(failure);
                } else {
                    result.callback(completion);
                }
                return null;
            });
        });
        return result;
    }

    private Deferred<Completion> plain(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return bad("Invalid base64 data");
        }
        int first = indexOfNul(decoded, 0);
        int second = first < 0 ? -1 : indexOfNul(decoded, first + 1);
        if (first < 0 || second < 0 || indexOfNul(decoded, second + 1) >= 0 || second == first + 1) {
            return bad("Invalid PLAIN response");
        }
        String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = new byte[decoded.length - second - 1];
        System.arraycopy(decoded, second + 1, password, 0, password.length);
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            return Deferred.succeed(loginFailed());
        }
        return logIn(authcid, password);
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private Deferred<Completion> logIn(String user, byte[] password) {
        UsernamePassword credentials = new UsernamePassword(user, password);
        return config.portal().login(credentials, null, transport().getPeer(), ImapAccount.class).addBoth((result, failure) -> {
            credentials.destroy();
            if (state == SessionState.LOGOUT) {
                if (result != null) {
                    result.logout();
                }
                return null;
            }
            if (failure != null) {
                if (failure.check(LoginFailed.class) == null) {
                    log.warn("imap {}: login error: {}", sessionId, failure.getErrorMessage());
                }
                return loginFailed();
            }
            login = result;
            account = result.avatar(ImapAccount.class);
            state = state.loggedIn();
            return Completion.ok("CAPABILITY " + capabilities(), "Logged in");
        });
    }

    private Completion loginFailed() {
        failedLogins++;
        log.info("imap {}: failed login from {}", sessionId, transport().getPeer());
        Completion refusal = Completion.no("AUTHENTICATIONFAILED", "Authentication failed");
        return failedLogins >= limits.failedLogins() ? refusal.thenBye("Too many failed logins") : refusal;
    }

    /** LOGOUT (RFC 3501 §6.1.3): BYE, the tagged OK, and the close. */
    private Deferred<Completion> logoutCommand() {
        writeText("* BYE Logging out\r\n");
        return done("LOGOUT completed").addCallback(c -> c.thenBye(""));
    }

    // ---------------------------------------------------------------- IDLE (RFC 2177)

    /** One IDLE: the poll that looks for others' changes, and the deadline. */
    private record IdleExchange(DelayedCall deadline, DelayedCall[] poll) {
    }

    private Deferred<Completion> idle(String tag) {
        Deferred<Completion> result = new Deferred<>();
        DelayedCall deadline = clock.callLater(limits.idleDuration(), () -> {
            log.info("imap {}: IDLE over {}", sessionId, limits.idleDuration());
            writeText("* BYE IDLE for too long\r\n");
            closeSession();
        });
        idling = new IdleExchange(deadline, new DelayedCall[1]);
        idleTimer.setTimeout(null);
        awaitContinuation("+ idling\r\n", line -> {
            stopIdling();
            idleTimer.setTimeout(limits.idleTimeout());
            String text = new String(line, StandardCharsets.US_ASCII);
            result.callback(text.equalsIgnoreCase("DONE") ? Completion.ok("IDLE terminated") : Completion.bad("Expected DONE"));
        });
        schedulePoll();
        return result;
    }

    private void schedulePoll() {
        IdleExchange exchange = idling;
        if (exchange == null || selected == null) {
            return;
        }
        exchange.poll()[0] = clock.callLater(limits.idlePoll(), () -> {
            SelectedMailbox view = selected;
            if (idling != exchange || view == null) {
                return;
            }
            view.mailbox().sync().addBoth((snapshot, failure) -> {
                if (idling == exchange && view == selected && failure == null) {
                    // RFC 2177 §3: during IDLE the server may send EXISTS, EXPUNGE and FETCH at any time.
                    ResponseBuilder out = new ResponseBuilder();
                    if (!view.update(snapshot, true, condStoreEnabled, qresyncEnabled, out)) {
                        uidValidityChanged(view);
                        return null;
                    }
                    write(out.bytes());
                }
                schedulePoll();
                return null;
            });
        });
    }

    private void stopIdling() {
        if (idling != null) {
            if (idling.deadline().active()) {
                idling.deadline().cancel();
            }
            if (idling.poll()[0] != null && idling.poll()[0].active()) {
                idling.poll()[0].cancel();
            }
            idling = null;
        }
    }

    /** Sends a continuation request and hands the next line to {@code handler}. */
    private void awaitContinuation(String request, Consumer<byte[]> handler) {
        writeText(request);
        continuation = handler;
        decoder.expectRawLine();
        mode = InputMode.CONTINUATION;
        pump();
    }

    // ---------------------------------------------------------------- CommandContext

    @Override
    public void write(byte[] octets) {
        if (octets.length > 0 && state != SessionState.LOGOUT) {
            transport().write(octets);
        }
    }

    private void writeText(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Deferred<Void> writable() {
        return output.whenWritable();
    }

    @Override
    public ImapAccount account() {
        return account;
    }

    @Override
    public SelectedMailbox selected() {
        return selected;
    }

    @Override
    public void select(SelectedMailbox mailbox) {
        selected = mailbox;
        state = mailbox == null ? state.deselected() : state.selected();
    }

    @Override
    public boolean condStore() {
        return condStoreEnabled;
    }

    @Override
    public boolean qresync() {
        return qresyncEnabled;
    }

    @Override
    public boolean rev2() {
        return rev2Enabled;
    }

    @Override
    public void enableCondStore() {
        if (!condStoreEnabled) {
            condStoreEnabled = true;
            if (selected != null) {
                // RFC 7162 §3.1: a CONDSTORE-enabling command in the selected state tells HIGHESTMODSEQ first.
                writeText(selected.modSeqStatus());
            }
        }
    }

    // ---------------------------------------------------------------- ending

    private void timedOut() {
        if (state != SessionState.LOGOUT) {
            log.info("imap {}: autologout of {}", sessionId, transport().getPeer());
            writeText("* BYE Autologout; idle for too long\r\n");
            closeSession();
        }
    }

    private void closeSession() {
        if (state == SessionState.LOGOUT) {
            return;
        }
        state = state.logout();
        idleTimer.cancel();
        stopIdling();
        decoder.discardBuffered();
        logout();
        transport().loseConnection();
    }

    private void logout() {
        if (login != null) {
            LoginResult done = login;
            login = null;
            account = null;
            selected = null;
            done.logout();
        }
    }
}
