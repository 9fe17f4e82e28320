package dev.torsion.pop3.server;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.pop3.Pop3Limits;
import dev.torsion.pop3.codec.MultilineEncoder;
import dev.torsion.pop3.codec.Pop3Command;
import dev.torsion.pop3.codec.Pop3CommandParser;
import dev.torsion.pop3.codec.Pop3SyntaxException;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 server session (RFC 1939) with CAPA and PIPELINING (RFC 2449), STLS (RFC 2595), AUTH
 * PLAIN (RFC 5034, RFC 4616), UTF8 (RFC 6856) and, when configured, APOP. Logins go through a cred
 * portal whose realm gives a {@link Pop3Mailbox}.
 *
 * <p>Commands are answered one at a time: while the portal or the mailbox works, the following
 * pipelined commands wait. Messages marked with DELE are removed only in the UPDATE state after
 * QUIT (RFC 1939 §6); a connection lost before deletes nothing.
 */
public final class Pop3Server extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(Pop3Server.class);
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final Pop3ServerConfig config;
    private final Pop3Limits limits;
    private final IdleTimeout idle;
    private final String sessionId = Long.toString(SESSIONS.incrementAndGet(), 36);

    private SessionState state = SessionState.AUTHORIZATION;
    private boolean tls;
    private String timestamp;
    private String pendingUser;
    private int failedLogins;
    private int errors;
    private LoginResult login;
    private Pop3Mailbox mailbox;
    private List<Pop3Message> messages = List.of();
    private final BitSet deleted = new BitSet();

    /** A session configured by {@code config}, timing out on {@code clock}. */
    public Pop3Server(Pop3ServerConfig config, Clock clock) {
        this.config = config;
        this.limits = config.limits();
        this.tls = config.implicitTls();
        this.idle = new IdleTimeout(clock, this::timedOut);
    }

    /** The session's state. */
    public SessionState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        setMaxLength(limits.lineLength() - 2);
        idle.setTimeout(limits.idleTimeout());
        if (config.apop()) {
            // RFC 1939 §7: a timestamp unique to this greeting, in msg-id form.
            timestamp = "<" + ProcessHandle.current().pid() + "." + System.nanoTime() + "." + sessionId + "@" + config.hostname() + ">";
            ok("POP3 server ready " + timestamp);
        } else {
            ok("POP3 server ready");
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        // No UPDATE: deletions of a session that did not QUIT are forgotten (RFC 1939 §6).
        state = state.close();
        logout();
    }

    @Override
    protected void lineReceived(byte[] line) {
        if (state == SessionState.CLOSED || state == SessionState.UPDATE) {
            return;
        }
        idle.resetTimeout();
        if (state == SessionState.AUTH_EXCHANGE) {
            saslResponse(line);
            return;
        }
        Pop3Command command;
        try {
            command = Pop3CommandParser.parse(line);
        } catch (Pop3SyntaxException e) {
            err(e.getMessage());
            return;
        }
        if (state == SessionState.AUTHORIZATION) {
            authorization(command);
        } else {
            transaction(command);
        }
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        log.info("pop3 {}: line too long from {}", sessionId, transport().getPeer());
        closeWith("-ERR Line too long");
    }

    // ---------------------------------------------------------------- AUTHORIZATION

    private void authorization(Pop3Command command) {
        switch (command.keyword()) {
            case "CAPA" -> capa();
            case "USER" -> user(command);
            case "PASS" -> pass(command);
            case "APOP" -> apop(command);
            case "AUTH" -> auth(command);
            case "STLS" -> stls(command);
            case "UTF8" -> ok("UTF8 enabled");
            case "QUIT" -> quit();
            default -> err("Unknown command in AUTHORIZATION state");
        }
    }

    private boolean loginAllowed() {
        return tls || config.plaintextLogin();
    }

    private void capa() {
        List<String> lines = new ArrayList<>();
        lines.add("TOP");
        lines.add("UIDL");
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        lines.add("UTF8 USER");
        if (state == SessionState.AUTHORIZATION) {
            if (loginAllowed()) {
                lines.add("USER");
                lines.add("SASL PLAIN");
            }
            if (stlsOffered()) {
                lines.add("STLS");
            }
        }
        lines.add("IMPLEMENTATION Torsion");
        StringBuilder out = new StringBuilder("+OK Capability list follows\r\n");
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        out.append(".\r\n");
        transport().write(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private boolean stlsOffered() {
        return config.tls() != null && !tls && transport() instanceof TlsCapableTransport;
    }

    private void user(Pop3Command command) {
        if (!loginAllowed()) {
            err("[AUTH] Plaintext authentication disallowed on non-secure connections");
            return;
        }
        if (command.arguments().size() != 1) {
            err("Syntax: USER name");
            return;
        }
        pendingUser = command.argument(0);
        ok("Send your password");
    }

    private void pass(Pop3Command command) {
        if (pendingUser == null) {
            err("USER first");
            return;
        }
        if (command.arguments().size() != 1) {
            pendingUser = null;
            err("Syntax: PASS password");
            return;
        }
        String name = pendingUser;
        pendingUser = null;
        login(new UsernamePassword(name, command.argument(0).getBytes(StandardCharsets.UTF_8)));
    }

    private void apop(Pop3Command command) {
        if (timestamp == null) {
            err("APOP not available");
            return;
        }
        if (command.arguments().size() != 2 || !command.argument(1).matches("[0-9a-fA-F]{32}")) {
            err("Syntax: APOP name digest");
            return;
        }
        login(new ApopCredentials(command.argument(0), timestamp, command.argument(1)));
    }

    private void auth(Pop3Command command) {
        if (command.arguments().isEmpty() || command.arguments().size() > 2) {
            err("Syntax: AUTH mechanism [initial-response]");
            return;
        }
        if (!command.argument(0).equalsIgnoreCase("PLAIN")) {
            err("Unsupported authentication mechanism");
            return;
        }
        if (!loginAllowed()) {
            err("[AUTH] Plaintext authentication disallowed on non-secure connections");
            return;
        }
        if (command.arguments().size() == 2) {
            plainResponse(command.argument(1));
            return;
        }
        state = state.authExchange();
        setMaxLength(limits.authLineLength() - 2);
        transport().write("+ \r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void saslResponse(byte[] line) {
        state = state.authDone();
        setMaxLength(limits.lineLength() - 2);
        String response = new String(line, StandardCharsets.US_ASCII);
        if (response.equals("*")) {
            // RFC 5034 §4: the client cancels.
            err("Authentication cancelled");
            return;
        }
        plainResponse(response);
    }

    /** RFC 4616: {@code authzid NUL authcid NUL passwd}; only an empty or equal authzid is granted. */
    private void plainResponse(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            err("Invalid base64 data");
            return;
        }
        int first = indexOf(decoded, 0);
        int second = first < 0 ? -1 : indexOf(decoded, first + 1);
        if (first < 0 || second < 0 || indexOf(decoded, second + 1) >= 0 || second == first + 1) {
            err("Invalid PLAIN response");
            return;
        }
        String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = new byte[decoded.length - second - 1];
        System.arraycopy(decoded, second + 1, password, 0, password.length);
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            loginFailed();
            return;
        }
        login(new UsernamePassword(authcid, password));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private void stls(Pop3Command command) {
        if (tls) {
            err("TLS already active");
            return;
        }
        if (!stlsOffered()) {
            err("STLS not available");
            return;
        }
        if (!command.arguments().isEmpty()) {
            err("Syntax: STLS");
            return;
        }
        ok("Begin TLS negotiation");
        byte[] injected = clearLineBuffer();
        if (injected.length > 0) {
            // RFC 2595 §4: nothing sent in the clear after STLS may count as a command under TLS.
            log.warn("pop3 {}: discarding {} plaintext bytes pipelined after STLS from {}", sessionId, injected.length, transport().getPeer());
        }
        pendingUser = null;
        tls = true;
        ((TlsCapableTransport) transport()).startTLS(config.tls());
    }

    private void login(Credentials credentials) {
        pauseProducing();
        Deferred<LoginResult> result = config.portal().login(credentials, null, transport().getPeer(), Pop3Mailbox.class);
        result.addBoth((value, failure) -> {
            if (credentials instanceof UsernamePassword password) {
                password.destroy();
            }
            if (state == SessionState.CLOSED) {
                if (value != null) {
                    value.logout();
                }
                return null;
            }
            if (failure == null) {
                opened(value);
            } else {
                if (failure.check(LoginFailed.class) == null) {
                    log.warn("pop3 {}: login error: {}", sessionId, failure.getErrorMessage());
                }
                loginFailed();
                resumeProducing();
            }
            return null;
        });
    }

    private void loginFailed() {
        failedLogins++;
        log.info("pop3 {}: failed login from {}", sessionId, transport().getPeer());
        if (failedLogins >= limits.failedLogins()) {
            closeWith("-ERR [AUTH] Authentication failed, too many attempts");
            return;
        }
        err("[AUTH] Authentication failed");
    }

    /** Logged in: list the maildrop, then TRANSACTION. */
    private void opened(LoginResult result) {
        login = result;
        mailbox = result.avatar(Pop3Mailbox.class);
        mailbox.list().addBoth((list, failure) -> {
            if (state == SessionState.CLOSED) {
                return null;
            }
            if (failure != null) {
                log.error("pop3 {}: listing the maildrop failed: {}", sessionId, failure.getErrorMessage());
                logout();
                closeWith("-ERR [SYS/TEMP] Mailbox unavailable");
                return null;
            }
            messages = List.copyOf(list);
            state = state.loggedIn();
            ok("Logged in, " + messages.size() + " messages");
            resumeProducing();
            return null;
        });
    }

    // ---------------------------------------------------------------- TRANSACTION

    private void transaction(Pop3Command command) {
        switch (command.keyword()) {
            case "STAT" -> stat();
            case "LIST" -> list(command);
            case "UIDL" -> uidl(command);
            case "RETR" -> retr(command);
            case "TOP" -> top(command);
            case "DELE" -> dele(command);
            case "NOOP" -> ok("");
            case "RSET" -> rset();
            case "CAPA" -> capa();
            case "QUIT" -> quit();
            default -> err("Unknown command in TRANSACTION state");
        }
    }

    private void stat() {
        long count = 0;
        long octets = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted.get(i)) {
                count++;
                octets += messages.get(i).size();
            }
        }
        ok(count + " " + octets);
    }

    private void list(Pop3Command command) {
        scanListing(command, "LIST", m -> Long.toString(m.size()));
    }

    private void uidl(Pop3Command command) {
        scanListing(command, "UIDL", Pop3Message::uidl);
    }

    /** LIST and UIDL: one message's line, or all undeleted ones as a multi-line response. */
    private void scanListing(Pop3Command command, String name, Function<Pop3Message, String> value) {
        if (command.arguments().size() > 1) {
            err("Syntax: " + name + " [msg]");
            return;
        }
        if (command.arguments().size() == 1) {
            int n = message(command.argument(0));
            if (n > 0) {
                ok(n + " " + value.apply(messages.get(n - 1)));
            }
            return;
        }
        StringBuilder out = new StringBuilder("+OK\r\n");
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted.get(i)) {
                out.append(i + 1).append(' ').append(value.apply(messages.get(i))).append("\r\n");
            }
        }
        out.append(".\r\n");
        transport().write(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The message number in {@code argument}, or 0 after answering -ERR (RFC 1939 §5). */
    private int message(String argument) {
        int n = Pop3CommandParser.messageNumber(argument);
        if (n < 1 || n > messages.size()) {
            err("No such message");
            return 0;
        }
        if (deleted.get(n - 1)) {
            err("Message " + n + " already deleted");
            return 0;
        }
        return n;
    }

    private void retr(Pop3Command command) {
        if (command.arguments().size() != 1) {
            err("Syntax: RETR msg");
            return;
        }
        int n = message(command.argument(0));
        if (n > 0) {
            Pop3Message message = messages.get(n - 1);
            send(message, bytes -> {
                transport().write(("+OK " + message.size() + " octets\r\n").getBytes(StandardCharsets.US_ASCII));
                transport().write(MultilineEncoder.encode(bytes));
            });
        }
    }

    private void top(Pop3Command command) {
        if (command.arguments().size() != 2 || !command.argument(1).matches("[0-9]{1,9}")) {
            err("Syntax: TOP msg lines");
            return;
        }
        int lines;
        try {
            lines = Integer.parseInt(command.argument(1));
        } catch (NumberFormatException e) {
            err("Syntax: TOP msg lines");
            return;
        }
        int n = message(command.argument(0));
        if (n > 0) {
            send(messages.get(n - 1), bytes -> {
                transport().write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                transport().write(MultilineEncoder.encode(bytes, lines));
            });
        }
    }

    /** Fetches a message from the mailbox, then writes it; commands wait meanwhile. */
    private void send(Pop3Message message, Consumer<byte[]> write) {
        pauseProducing();
        mailbox.retrieve(message).addBoth((bytes, failure) -> {
            if (state == SessionState.CLOSED) {
                return null;
            }
            if (failure != null) {
                log.warn("pop3 {}: reading message {} failed: {}", sessionId, message.id(), failure.getErrorMessage());
                err("[SYS/TEMP] Message unavailable");
            } else {
                write.accept(bytes);
            }
            resumeProducing();
            return null;
        });
    }

    private void dele(Pop3Command command) {
        if (command.arguments().size() != 1) {
            err("Syntax: DELE msg");
            return;
        }
        int n = message(command.argument(0));
        if (n > 0) {
            deleted.set(n - 1);
            ok("Message " + n + " deleted");
        }
    }

    private void rset() {
        deleted.clear();
        ok("");
    }

    private void quit() {
        SessionState next = state.quit();
        if (next == SessionState.CLOSED) {
            state = next;
            ok("Bye");
            transport().loseConnection();
            return;
        }
        state = next;
        update();
    }

    /** UPDATE (RFC 1939 §6): remove what was marked, then close. */
    private void update() {
        List<Pop3Message> doomed = new ArrayList<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            doomed.add(messages.get(i));
        }
        Deferred<Void> removal = doomed.isEmpty() ? Deferred.succeed(null) : mailbox.delete(doomed);
        removal.addBoth((ignored, failure) -> {
            if (failure != null) {
                log.error("pop3 {}: deleting {} messages failed: {}", sessionId, doomed.size(), failure.getErrorMessage());
                closeWith("-ERR [SYS/TEMP] Some deleted messages not removed");
            } else {
                closeWith("+OK Bye, " + doomed.size() + " messages deleted");
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- replies

    private void ok(String text) {
        transport().write(("+OK" + (text.isEmpty() ? "" : " " + text) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void err(String text) {
        transport().write(("-ERR " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        errors++;
        if (errors >= limits.errorsBeforeDisconnect() && state != SessionState.CLOSED) {
            closeWith("-ERR Too many errors");
        }
    }

    private void timedOut() {
        if (state != SessionState.CLOSED) {
            log.info("pop3 {}: idle timeout from {}", sessionId, transport().getPeer());
            closeWith("-ERR Disconnected for inactivity");
        }
    }

    private void closeWith(String line) {
        boolean wasOpen = state != SessionState.CLOSED;
        state = state.close();
        idle.cancel();
        if (wasOpen) {
            transport().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        clearLineBuffer();
        logout();
        transport().loseConnection();
    }

    private void logout() {
        if (login != null) {
            LoginResult done = login;
            login = null;
            mailbox = null;
            done.logout();
        }
    }
}
