package dev.torsion.telnet.manhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SocketType;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.terminal.TerminalServerProtocol;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole manhole stack (Telnet, terminal, login, JShell) on a memory transport and a memory
 * reactor, whose deferToThread runs at once: each test reads what the person would see.
 */
class ManholeSessionTest {
    private static final IPv4Address LOOPBACK_PEER = new IPv4Address(SocketType.TCP, "127.0.0.1", 40000);
    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> shared = new ArrayList<>();
    private final StringTransport wire = new StringTransport(
            new IPv4Address(SocketType.TCP, "127.0.0.1", 4040), LOOPBACK_PEER);
    private Protocol server;

    private void connect(IPv4Address peer) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse()
                .addUser("admin", "secret");
        Portal portal = new Portal(new ManholeRealm(), users);
        ManholeNamespace namespace = ManholeNamespace.empty().bind("reactor", Reactor.class, reactor)
                .bind("shared", List.class, shared);
        server = ManholeServer.telnetFactory(reactor, portal, namespace, TelnetLimits.DEFAULT, false)
                .buildProtocol(peer);
        server.makeConnection(wire);
    }

    @AfterEach
    void disconnect() {
        if (server != null && server.isConnected()) {
            server.notifyConnectionLost(null);
        }
    }

    private String type(String text) {
        wire.clear();
        server.dataReceived(text.getBytes(StandardCharsets.UTF_8));
        reactor.runPending();
        return wire.valueAsString();
    }

    @Test
    void loginThenEvaluate() {
        connect(LOOPBACK_PEER);
        assertTrue(wire.valueAsString().contains("Torsion manhole\r\nlogin: "), wire.valueAsString());
        assertTrue(type("admin\r\n").endsWith("Password: "));
        String afterPassword = type("secret\r\n");
        assertFalse(afterPassword.contains("secret"), "the password is not echoed");
        assertTrue(afterPassword.contains("Variables: reactor (Reactor), shared (List), out (PrintStream)"),
                afterPassword);
        assertTrue(afterPassword.endsWith("jshell> "), afterPassword);
        assertTrue(wire.producer() instanceof TerminalOutputStream, "the shell's output is the connection's producer");

        String result = type("1+1\r\n");
        assertTrue(result.matches("(?s)1\\+1\r\n\\$\\d+ ==> 2\r\njshell> "), result);

        type("shared.add(\"hello from \" + reactor.kind());\r\n");
        assertEquals(List.of("hello from memory"), shared, "the snippet ran against the server's objects");

        assertTrue(type("out.println(\"printed\");\r\n").contains("printed\r\n"));
        String partial = type("out.print(\"no newline\");\r\n");
        assertTrue(partial.endsWith("\r\nno newline\r\njshell> "), partial);
    }

    @Test
    void multiLineSnippetShowsTheContinuationPrompt() {
        connect(LOOPBACK_PEER);
        type("admin\r\n");
        type("secret\r\n");
        assertTrue(type("int f() {\r\n").endsWith("   ...> "));
        assertTrue(type("return 7; }\r\n").contains("created method f"));
        assertTrue(type("f()\r\n").contains("==> 7"));
    }

    @Test
    void tabCompletesFromJShell() {
        connect(LOOPBACK_PEER);
        type("admin\r\n");
        type("secret\r\n");
        assertTrue(type("shared.isEm\t").endsWith("pty()"));
        String completed = type("\r\n");
        assertTrue(completed.contains("==> true"), "completed to shared.isEmpty(): " + completed);
        String listed = type("Math.a\t");
        assertTrue(listed.contains("abs(") && listed.contains("acos("), listed);
        assertTrue(listed.endsWith("jshell> Math.a"), "the line is redrawn after the list: " + listed);
        type("\u0015");
        assertTrue(type("nothingLikeThis\t").contains("\u0007"), "no completion rings the bell");
    }

    @Test
    void threeRefusedLoginsCloseTheSession() {
        connect(LOOPBACK_PEER);
        for (int attempt = 1; attempt <= 3; attempt++) {
            type("admin\r\n");
            String answer = type("wrong\r\n");
            assertTrue(answer.contains("Login incorrect"), answer);
            assertEquals(attempt == 3, wire.isDisconnecting(), "attempt " + attempt);
        }
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosed() {
        connect(LOOPBACK_PEER);
        type("admin\r\n");
        reactor.advance(ManholeSession.LOGIN_TIMEOUT.minusSeconds(1));
        assertFalse(wire.isDisconnecting());
        reactor.advance(Duration.ofSeconds(1));
        assertTrue(wire.isDisconnecting());
        assertTrue(wire.valueAsString().contains("Login timed out."));
    }

    @Test
    void theLoginDeadlineEndsWithTheLogin() {
        connect(LOOPBACK_PEER);
        type("admin\r\n");
        type("secret\r\n");
        reactor.advance(ManholeSession.LOGIN_TIMEOUT.plusSeconds(1));
        assertFalse(wire.isDisconnecting());
        assertTrue(reactor.getDelayedCalls().isEmpty(), "no deadline left behind");
    }

    @Test
    void nonLoopbackPeersAreTurnedAway() {
        connect(new IPv4Address(SocketType.TCP, "192.0.2.7", 40000));
        assertTrue(wire.valueAsString().contains("only loopback clients are allowed"));
        assertTrue(wire.isDisconnecting());
    }

    @Test
    void anAuthenticatedSessionStartsTheShellAtOnce() {
        ManholeSession session = ManholeSession.authenticated(reactor, ManholeNamespace.empty(), LOOPBACK_PEER,
                "carol", 100);
        server = new TerminalServerProtocol(session);
        server.makeConnection(wire);
        reactor.runPending();
        assertTrue(wire.valueAsString().endsWith("jshell> "), wire.valueAsString());
        assertFalse(wire.valueAsString().contains("login:"));
        assertEquals(ManholeSessionState.READY, session.state());
        assertTrue(type("3*3\r").contains("==> 9"));
    }

    @Test
    void ctrlDAtThePromptEndsTheSession() {
        connect(LOOPBACK_PEER);
        type("admin\r\n");
        type("secret\r\n");
        type("\u0004");
        assertTrue(wire.isDisconnecting());
    }
}
