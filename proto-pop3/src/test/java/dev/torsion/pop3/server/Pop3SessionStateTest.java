package dev.torsion.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.pop3.support.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session's {@link SessionState} on a memory transport, one byte at a time: a command changes the
 * state only when its line ends, and each state answers the commands of the others with -ERR.
 */
class Pop3SessionStateTest {
    private static final String LOGIN = "USER alice\r\nPASS secret\r\n";

    private static Wire withMessages() {
        Wire wire = new Wire();
        wire.mailbox.add("Subject: one\r\n\r\nfirst\r\n");
        wire.mailbox.add("Subject: two\r\n\r\nsecond\r\n");
        wire.mailbox.add("Subject: three\r\n\r\nthird\r\n");
        return wire;
    }

    /**
     * Sends {@code line} byte by byte: until its last byte nothing is written and the state stays;
     * then the reply is exactly {@code reply} and the state is {@code next}.
     */
    private static void step(Wire wire, String line, String reply, SessionState next) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        SessionState before = wire.server.state();
        wire.clear();
        for (int i = 0; i < bytes.length - 1; i++) {
            wire.server.dataReceived(new byte[] {bytes[i]});
            assertEquals("", wire.transport.valueAsString(), "written before the end of " + line.strip());
            assertEquals(before, wire.server.state(), "state changed before the end of " + line.strip());
        }
        wire.server.dataReceived(new byte[] {bytes[bytes.length - 1]});
        assertEquals(reply, wire.transport.valueAsString(), line.strip());
        assertEquals(next, wire.server.state(), line.strip());
    }

    private static void logIn(Wire wire) {
        step(wire, "USER alice\r\n", "+OK Send your password\r\n", SessionState.AUTHORIZATION);
        step(wire, "PASS secret\r\n", "+OK Logged in, 3 messages\r\n", SessionState.TRANSACTION);
    }

    @Test
    void authorizationThroughAnAuthExchangeToTransaction() {
        Wire wire = withMessages();
        assertEquals(SessionState.AUTHORIZATION, wire.server.state());
        step(wire, "AUTH PLAIN\r\n", "+ \r\n", SessionState.AUTH_EXCHANGE);
        step(wire, "*\r\n", "-ERR Authentication cancelled\r\n", SessionState.AUTHORIZATION);
        step(wire, "AUTH PLAIN\r\n", "+ \r\n", SessionState.AUTH_EXCHANGE);
        step(wire, Base64.getEncoder().encodeToString("\0alice\0wrong".getBytes(StandardCharsets.UTF_8)) + "\r\n",
                "-ERR [AUTH] Authentication failed\r\n", SessionState.AUTHORIZATION);
        step(wire, "AUTH PLAIN\r\n", "+ \r\n", SessionState.AUTH_EXCHANGE);
        step(wire, Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8)) + "\r\n",
                "+OK Logged in, 3 messages\r\n", SessionState.TRANSACTION);
    }

    /** RFC 1939 §5: the TRANSACTION commands are not valid before a login. */
    @ParameterizedTest
    @ValueSource(strings = {"STAT", "LIST", "LIST 1", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "NOOP", "RSET"})
    void transactionCommandsAreRefusedInAuthorization(String command) {
        Wire wire = withMessages();
        step(wire, command + "\r\n", "-ERR Unknown command in AUTHORIZATION state\r\n", SessionState.AUTHORIZATION);
        assertFalse(wire.closed());
        logIn(wire);
        assertTrue(wire.mailbox.deletedIds.isEmpty());
    }

    /** RFC 1939 §4 and §7, RFC 2595 §4, RFC 6856 §3: login, STLS and UTF8 only before a login. */
    @ParameterizedTest
    @ValueSource(strings = {"USER alice", "PASS secret", "APOP alice 0123456789abcdef0123456789abcdef", "AUTH PLAIN",
        "STLS", "UTF8"})
    void authorizationCommandsAreRefusedInTransaction(String command) {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, command + "\r\n", "-ERR Unknown command in TRANSACTION state\r\n", SessionState.TRANSACTION);
        step(wire, "STAT\r\n", "+OK 3 72\r\n", SessionState.TRANSACTION);
    }

    /** RFC 1939 §4: QUIT before a login ends the session; no maildrop was opened, nothing is removed. */
    @Test
    void quitInAuthorizationClosesWithoutUpdate() {
        Wire wire = withMessages();
        step(wire, "USER alice\r\n", "+OK Send your password\r\n", SessionState.AUTHORIZATION);
        step(wire, "QUIT\r\n", "+OK Bye\r\n", SessionState.CLOSED);
        assertTrue(wire.closed());
        assertFalse(wire.mailbox.loggedOut, "no maildrop was opened");
        assertEquals(3, wire.mailbox.messages.size());
    }

    /** RFC 1939 §6: QUIT in TRANSACTION enters UPDATE even when nothing is marked, then ends the session. */
    @Test
    void quitInTransactionGoesThroughUpdate() {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, "QUIT\r\n", "+OK Bye, 0 messages deleted\r\n", SessionState.CLOSED);
        assertTrue(wire.closed());
        assertTrue(wire.mailbox.loggedOut);
        assertEquals(List.of(), wire.mailbox.deletedIds);
        assertEquals(3, wire.mailbox.messages.size());
    }

    /**
     * RFC 1939 §6: UPDATE removes the messages marked (and only those, after RSET) and answers once
     * the maildrop has; lines pipelined after QUIT are not commands.
     */
    @Test
    void updateRemovesTheMarkedMessagesThenCloses() {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, "DELE 2\r\n", "+OK Message 2 deleted\r\n", SessionState.TRANSACTION);
        step(wire, "RSET\r\n", "+OK\r\n", SessionState.TRANSACTION);
        step(wire, "DELE 1\r\n", "+OK Message 1 deleted\r\n", SessionState.TRANSACTION);
        step(wire, "DELE 3\r\n", "+OK Message 3 deleted\r\n", SessionState.TRANSACTION);
        assertEquals(List.of(), wire.mailbox.deletedIds, "nothing removed before UPDATE");
        Deferred<Void> removal = new Deferred<>();
        wire.mailbox.nextDelete = removal;
        step(wire, "QUIT\r\n", "", SessionState.UPDATE);
        assertEquals(List.of(1L, 3L), wire.mailbox.deletedIds);
        step(wire, "RSET\r\n", "", SessionState.UPDATE);
        step(wire, "NOOP\r\n", "", SessionState.UPDATE);
        assertFalse(wire.closed());
        removal.callback(null);
        assertEquals("+OK Bye, 2 messages deleted\r\n", wire.transport.valueAsString());
        assertEquals(SessionState.CLOSED, wire.server.state());
        assertTrue(wire.closed());
        assertTrue(wire.mailbox.loggedOut);
        assertEquals(List.of(2L), List.copyOf(wire.mailbox.messages.keySet()));
    }

    /** RFC 1939 §6: a removal that fails is answered -ERR, and the session still ends. */
    @Test
    void aFailedRemovalIsAnsweredErrInUpdate() {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, "DELE 1\r\n", "+OK Message 1 deleted\r\n", SessionState.TRANSACTION);
        Deferred<Void> removal = new Deferred<>();
        wire.mailbox.nextDelete = removal;
        step(wire, "QUIT\r\n", "", SessionState.UPDATE);
        removal.errback(new IOException("disk full"));
        assertEquals("-ERR [SYS/TEMP] Some deleted messages not removed\r\n", wire.transport.valueAsString());
        assertEquals(SessionState.CLOSED, wire.server.state());
        assertTrue(wire.closed());
        assertTrue(wire.mailbox.loggedOut);
    }

    /** A connection lost in UPDATE: the removal already asked for goes on, and nothing is written after it. */
    @Test
    void aConnectionLostInUpdateWritesNothingMore() {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, "DELE 1\r\n", "+OK Message 1 deleted\r\n", SessionState.TRANSACTION);
        Deferred<Void> removal = new Deferred<>();
        wire.mailbox.nextDelete = removal;
        step(wire, "QUIT\r\n", "", SessionState.UPDATE);
        wire.server.connectionLost(null);
        assertEquals(SessionState.CLOSED, wire.server.state());
        removal.callback(null);
        assertEquals("", wire.transport.valueAsString());
        assertEquals(List.of(1L), wire.mailbox.deletedIds);
    }

    /** RFC 1939 §6: without QUIT there is no UPDATE; marked messages stay. */
    @Test
    void aConnectionLostInTransactionClosesWithoutUpdate() {
        Wire wire = withMessages();
        logIn(wire);
        step(wire, "DELE 1\r\n", "+OK Message 1 deleted\r\n", SessionState.TRANSACTION);
        wire.server.connectionLost(null);
        assertEquals(SessionState.CLOSED, wire.server.state());
        assertEquals(List.of(), wire.mailbox.deletedIds);
        assertEquals(3, wire.mailbox.messages.size());
    }
}
