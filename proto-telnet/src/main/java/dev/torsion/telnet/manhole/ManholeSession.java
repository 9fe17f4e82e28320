package dev.torsion.telnet.manhole;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.LoginThrottled;
import dev.torsion.cred.Portal;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.Reactor;
import dev.torsion.telnet.terminal.Key;
import dev.torsion.telnet.terminal.KeyEvent;
import dev.torsion.telnet.terminal.RecvLine;
import dev.torsion.time.DelayedCall;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manhole session on a terminal: a login through the cred {@link Portal} (with the peer's
 * address, so failures are throttled per client), then a JShell prompt. The shell starts and
 * evaluates on worker threads ({@link Reactor#deferToThread}), never on the reactor thread; keys
 * typed meanwhile wait, except Ctrl-C, which stops the running snippet (from a worker thread too).
 * Besides the namespace, snippets have {@code out}, a {@link PrintStream} to this terminal. A connection that has not
 * logged in after {@link #LOGIN_TIMEOUT} is closed.
 */
public final class ManholeSession extends RecvLine {
    /** Logins refused before the session is closed. */
    public static final int MAX_LOGIN_ATTEMPTS = 3;
    /** How long a connection may take to log in before it is closed. */
    public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_RETRY = Duration.ofMillis(100);
    private static final int MAX_STOP_ATTEMPTS = 100;
    private static final int MAX_COMPLETIONS_SHOWN = 100;
    private static final Logger log = LoggerFactory.getLogger(ManholeSession.class);
    private static final String PROMPT = "jshell> ";
    private static final String CONTINUATION = "   ...> ";

    private final Reactor reactor;
    private final Portal portal;
    private final ManholeNamespace namespace;
    private final Address peer;
    private ManholeSessionState state = ManholeSessionState.USERNAME;
    private String username;
    private int failures;
    private LoginResult login;
    private JShellEvaluator shell;
    private DelayedCall loginDeadline;
    private PrintStream out;
    private TerminalOutputStream outStream;
    private long evaluations;
    private long evaluationsFinished;
    private JShellEvaluator evaluatingShell;

    /** A session for {@code peer}, logging in through {@code portal}, with {@code namespace} bound. */
    public ManholeSession(Reactor reactor, Portal portal, ManholeNamespace namespace, Address peer,
            int maxLineLength) {
        super(maxLineLength);
        this.reactor = reactor;
        this.portal = portal;
        this.namespace = namespace;
        this.peer = peer;
    }

    /**
     * A session for a user the transport has already authenticated (an SSH login through the same
     * kind of portal): no login prompt, the shell starts at once.
     */
    public static ManholeSession authenticated(Reactor reactor, ManholeNamespace namespace, Address peer,
            String username, int maxLineLength) {
        ManholeSession session = new ManholeSession(reactor, null, namespace, peer, maxLineLength);
        session.username = username;
        session.state = ManholeSessionState.STARTING;
        return session;
    }

    /** Where the session is. */
    public ManholeSessionState state() {
        return state;
    }

    @Override
    protected void connectionMade() {
        terminal().write("Torsion manhole\r\n");
        if (state == ManholeSessionState.STARTING) {
            holdInput();
            startShell();
        } else {
            loginDeadline = reactor.callLater(LOGIN_TIMEOUT, this::loginTimedOut);
            askUsername();
        }
    }

    /** A connection that does not log in in time is closed, so that none holds a slot forever. */
    private void loginTimedOut() {
        log.info("manhole login timed out: client={}", peer);
        terminal().write("\r\nLogin timed out.\r\n");
        terminal().loseConnection();
    }

    private void askUsername() {
        setPrompt("login: ");
        showPrompt();
    }

    @Override
    protected void lineReceived(String line) {
        switch (state) {
            case USERNAME -> usernameReceived(line);
            case PASSWORD -> passwordReceived(line);
            case READY -> evaluate(line);
            default -> log.debug("line in state {} ignored", state);
        }
    }

    private void usernameReceived(String line) {
        if (line.isBlank()) {
            askUsername();
            return;
        }
        username = line.strip();
        state = state.usernameEntered();
        editor().setSecret(true);
        setPrompt("Password: ");
        showPrompt();
    }

    private void passwordReceived(String password) {
        editor().setSecret(false);
        state = state.passwordEntered();
        holdInput();
        UsernamePassword credentials = new UsernamePassword(username, password.getBytes(StandardCharsets.UTF_8));
        portal.login(credentials, null, peer, ManholeAvatar.class).addCallbacks(result -> {
            credentials.destroy();
            loggedIn(result);
            return null;
        }, failure -> {
            credentials.destroy();
            refused(failure);
            return null;
        });
    }

    private void loggedIn(LoginResult result) {
        if (state == ManholeSessionState.CLOSED) {
            result.logout();
            return;
        }
        login = result;
        state = state.loggedIn();
        loginDeadline.cancel();
        log.info("manhole login: user={} client={}", username, peer);
        startShell();
    }

    private void startShell() {
        terminal().write("Starting JShell...\r\n");
        outStream = new TerminalOutputStream(reactor, terminal());
        terminal().registerProducer(outStream);
        out = new PrintStream(outStream, true, StandardCharsets.UTF_8);
        ManholeNamespace withOut = namespace.bind("out", PrintStream.class, out);
        reactor.deferToThread(() -> new JShellEvaluator(withOut)).addCallbacks(started -> {
            shellStarted(started);
            return null;
        }, failure -> {
            log.warn("manhole: JShell did not start: {}", failure.getErrorMessage());
            terminal().write("JShell did not start: " + failure.getErrorMessage() + "\r\n");
            terminal().loseConnection();
            return null;
        });
    }

    private void shellStarted(JShellEvaluator started) {
        if (state == ManholeSessionState.CLOSED) {
            offReactor(started::close);
            return;
        }
        shell = started;
        state = state.ready();
        terminal().write("Variables: " + names() + ". Ctrl-D ends the session.\r\n");
        setPrompt(PROMPT);
        showPrompt();
        releaseInput();
    }

    private String names() {
        StringBuilder text = new StringBuilder();
        for (ManholeNamespace.Binding binding : namespace.bindings()) {
            text.append(binding.name()).append(" (").append(binding.type().getSimpleName()).append("), ");
        }
        return text.append("out (PrintStream)").toString();
    }

    private void refused(Failure failure) {
        if (state == ManholeSessionState.CLOSED) {
            return;
        }
        state = state.loginRefused();
        failures++;
        boolean throttled = failure.check(LoginThrottled.class) != null;
        if (failure.check(LoginFailed.class) == null) {
            log.warn("manhole login error: client={} {}", peer, failure.getErrorMessage());
        }
        terminal().write(throttled ? "Too many failures; try later.\r\n" : "Login incorrect\r\n");
        if (failures >= MAX_LOGIN_ATTEMPTS || throttled) {
            terminal().loseConnection();
            return;
        }
        askUsername();
        releaseInput();
    }

    private void evaluate(String line) {
        state = state.evaluating();
        evaluations++;
        holdInput();
        JShellEvaluator evaluator = shell;
        evaluatingShell = evaluator;
        PrintStream snippetOutput = out;
        TerminalOutputStream snippetStream = outStream;
        reactor.deferToThread(() -> {
            Evaluation result = evaluator.evaluate(line);
            snippetOutput.flush();
            // What a snippet printed without a newline comes before the result and the prompt.
            return result.after(snippetStream.drain());
        }).addCallbacks(result -> {
            evaluated(result);
            return null;
        }, failure -> {
            evaluated(new Evaluation(List.of("error: " + failure.getErrorMessage()), false));
            return null;
        });
    }

    /** The evaluation in flight ended; a session closed meanwhile closes its shell only now. */
    private void evaluationEnded(JShellEvaluator evaluator) {
        evaluationsFinished = evaluations;
        if (state == ManholeSessionState.CLOSED) {
            offReactor(evaluator::close);
        }
    }

    private void evaluated(Evaluation result) {
        evaluationEnded(evaluatingShell);
        if (state == ManholeSessionState.CLOSED) {
            return;
        }
        for (String line : result.output()) {
            terminal().write(line.replace("\n", "\r\n") + "\r\n");
        }
        state = state.ready();
        setPrompt(result.needsMore() ? CONTINUATION : PROMPT);
        showPrompt();
        releaseInput();
    }

    /** Ctrl-C while a snippet runs stops it; Tab at the prompt completes. */
    @Override
    public void keystrokeReceived(KeyEvent key) {
        if (state == ManholeSessionState.EVALUATING && key.key() == Key.INTERRUPT) {
            stopSnippet(shell, evaluations, 1);
            return;
        }
        if (state == ManholeSessionState.READY && key.key() == Key.TAB) {
            complete();
            return;
        }
        super.keystrokeReceived(key);
    }

    /**
     * Tab: JShell's completions at the cursor, looked up on a worker thread. The part they all
     * share is typed in; when that adds nothing and there are several, they are listed.
     */
    private void complete() {
        state = state.completing();
        holdInput();
        JShellEvaluator evaluator = shell;
        String line = editor().line();
        int cursor = line.offsetByCodePoints(0, editor().cursor());
        reactor.deferToThread(() -> evaluator.complete(line, cursor)).addCallbacks(additions -> {
            completed(additions);
            return null;
        }, failure -> {
            log.debug("manhole completion failed: {}", failure.getErrorMessage());
            completed(List.of());
            return null;
        });
    }

    private void completed(List<String> additions) {
        if (state == ManholeSessionState.CLOSED) {
            return;
        }
        state = state.ready();
        try {
            showCompletions(additions);
        } finally {
            releaseInput();
        }
    }

    private void showCompletions(List<String> additions) {
        String shared = sharedPrefix(additions);
        if (additions.isEmpty()) {
            terminal().bell();
        } else if (!shared.isEmpty()) {
            editor().insertText(shared);
        } else if (additions.size() > 1) {
            String line = editor().line();
            String typed = line.substring(0, line.offsetByCodePoints(0, editor().cursor()));
            String word = typed.replaceAll("^.*[^A-Za-z0-9_$]", "");
            StringBuilder list = new StringBuilder("\r\n");
            for (String addition : additions.subList(0, Math.min(additions.size(), MAX_COMPLETIONS_SHOWN))) {
                list.append(word).append(addition).append("  ");
            }
            if (additions.size() > MAX_COMPLETIONS_SHOWN) {
                list.append("... (").append(additions.size()).append(")");
            }
            terminal().write(list.append("\r\n").toString());
            showPrompt();
        }
    }

    private static String sharedPrefix(List<String> additions) {
        if (additions.isEmpty()) {
            return "";
        }
        String shared = additions.get(0);
        for (String addition : additions) {
            int i = 0;
            while (i < shared.length() && i < addition.length() && shared.charAt(i) == addition.charAt(i)) {
                i++;
            }
            shared = shared.substring(0, i);
        }
        return shared;
    }

    /**
     * Stops the running snippet, from a worker thread (stopping may wait for the snippet's thread).
     * A stop that comes while the snippet is still being compiled does nothing, so it is repeated
     * every {@link #STOP_RETRY} until this evaluation ends (at most {@link #MAX_STOP_ATTEMPTS}).
     */
    private void stopSnippet(JShellEvaluator evaluator, long evaluation, int attempt) {
        offReactor(evaluator::stop);
        if (attempt < MAX_STOP_ATTEMPTS) {
            reactor.callLater(STOP_RETRY, () -> {
                if (evaluationsFinished < evaluation) {
                    stopSnippet(evaluator, evaluation, attempt + 1);
                }
            });
        }
    }

    /** Runs {@code work} on a worker thread, or here when the reactor is shutting down its pool. */
    private void offReactor(Runnable work) {
        try {
            reactor.deferToThread(() -> {
                work.run();
                return null;
            });
        } catch (RejectedExecutionException shuttingDown) {
            work.run();
        }
    }

    /** Ctrl-C at the prompt abandons the snippet being typed. */
    @Override
    protected void interrupted() {
        if (state == ManholeSessionState.READY) {
            JShellEvaluator evaluator = shell;
            reactor.deferToThread(() -> {
                evaluator.discardPending();
                return null;
            });
            setPrompt(PROMPT);
        }
        showPrompt();
    }

    @Override
    public void terminalDisconnected() {
        ManholeSessionState was = state;
        state = state.closed();
        if (loginDeadline != null && loginDeadline.active()) {
            loginDeadline.cancel();
        }
        if (login != null) {
            login.logout();
            log.info("manhole logout: user={} client={}", username, peer);
        }
        if (outStream != null) {
            outStream.stopProducing();
        }
        JShellEvaluator evaluator = shell;
        shell = null;
        if (evaluator == null) {
            return;
        }
        if (was == ManholeSessionState.EVALUATING) {
            stopSnippet(evaluator, evaluations, 1); // closed when the evaluation ends
        } else {
            offReactor(evaluator::close);
        }
    }
}
