package dev.torsion.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.pop3.support.Wire;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pop3ServerTest {
    private static final String LOGIN = "USER alice\r\nPASS secret\r\n";
    private static final String LOGGED_IN = "+OK Send your password\r\n+OK Logged in, 3 messages\r\n";

    private static Wire withMessages() {
        Wire wire = new Wire();
        wire.mailbox.add("Subject: one\r\n\r\nfirst\r\n");
        wire.mailbox.add("Subject: two\r\n\r\n.dotted\r\nline 2\r\nline 3\r\n");
        wire.mailbox.add("Subject: lf\n\nbare lf lines\n");
        return wire;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void transactionCommands(boolean byteByByte) {
        Wire wire = withMessages();
        assertEquals("+OK POP3 server ready", wire.greeting());
        wire.send(LOGIN + "STAT\r\nLIST\r\nLIST 2\r\nUIDL\r\nUIDL 3\r\nRETR 2\r\nRETR 3\r\nTOP 2 1\r\nTOP 1 0\r\nNOOP\r\n", byteByByte);
        assertEquals(LOGGED_IN + "+OK 3 91\r\n+OK\r\n1 23\r\n2 41\r\n3 27\r\n.\r\n+OK 2 41\r\n+OK\r\n1 uid-1\r\n2 uid-2\r\n3 uid-3\r\n.\r\n"
                + "+OK 3 uid-3\r\n+OK 41 octets\r\nSubject: two\r\n\r\n..dotted\r\nline 2\r\nline 3\r\n.\r\n"
                + "+OK 27 octets\r\nSubject: lf\r\n\r\nbare lf lines\r\n.\r\n"
                + "+OK\r\nSubject: two\r\n\r\n..dotted\r\n.\r\n+OK\r\nSubject: one\r\n\r\n.\r\n+OK\r\n", wire.replies());
    }

    @Test
    void deletionsHappenOnlyAfterQuit() {
        Wire wire = withMessages();
        wire.send(LOGIN + "DELE 1\r\nDELE 1\r\nRETR 1\r\nSTAT\r\nLIST\r\nRSET\r\nSTAT\r\nDELE 2\r\nDELE 3\r\n").clear();
        assertTrue(wire.mailbox.deletedIds.isEmpty());
        wire.send("QUIT\r\nNOOP\r\n");
        assertEquals("+OK Bye, 2 messages deleted\r\n", wire.transport.valueAsString());
        assertEquals(List.of(2L, 3L), wire.mailbox.deletedIds);
        assertTrue(wire.closed());
        assertTrue(wire.mailbox.loggedOut);
        assertEquals(SessionState.CLOSED, wire.server.state());
    }

    @Test
    void deleteReplies() {
        Wire wire = withMessages();
        wire.send(LOGIN + "DELE 1\r\nDELE 1\r\nRETR 1\r\nSTAT\r\nLIST\r\nRSET\r\nSTAT\r\n");
        assertEquals(LOGGED_IN + "+OK Message 1 deleted\r\n-ERR Message 1 already deleted\r\n-ERR Message 1 already deleted\r\n"
                + "+OK 2 68\r\n+OK\r\n2 41\r\n3 27\r\n.\r\n+OK\r\n+OK 3 91\r\n", wire.replies());
    }

    @Test
    void aDroppedConnectionDeletesNothing() {
        Wire wire = withMessages();
        wire.send(LOGIN + "DELE 1\r\nDELE 2\r\n");
        wire.server.connectionLost(null);
        assertTrue(wire.mailbox.deletedIds.isEmpty());
        assertEquals(3, wire.mailbox.messages.size());
        assertTrue(wire.mailbox.loggedOut);
    }

    @Test
    void quitBeforeLoginJustCloses() {
        Wire wire = new Wire();
        wire.send("QUIT\r\n");
        assertEquals("+OK Bye\r\n", wire.replies());
        assertTrue(wire.closed());
    }

    @Test
    void capaDependsOnTlsAndState() throws Exception {
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        Wire plain = new Wire(c -> c.withStartTls(tls));
        plain.send("CAPA\r\nUSER alice\r\n");
        assertEquals("+OK Capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\nUTF8 USER\r\nSTLS\r\n"
                + "IMPLEMENTATION Torsion\r\n.\r\n-ERR [AUTH] Plaintext authentication disallowed on non-secure connections\r\n", plain.replies());
        Wire open = new Wire();
        open.send("CAPA\r\n");
        assertTrue(open.replies().contains("USER\r\nSASL PLAIN\r\n"));
        assertFalse(open.replies().contains("STLS"));
    }

    @Test
    void stlsDropsPipelinedPlaintextAndStartsTls() throws Exception {
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        Wire wire = new Wire(c -> c.withStartTls(tls));
        wire.send("STLS\r\nUSER alice\r\nPASS secret\r\n");
        assertEquals("+OK Begin TLS negotiation\r\n", wire.replies());
        assertSame(tls, wire.transport.tlsOptions());
        wire.clear().send("CAPA\r\n" + LOGIN + "STLS\r\n");
        assertTrue(wire.transport.valueAsString().contains("USER\r\nSASL PLAIN\r\nIMPLEMENTATION"));
        assertTrue(wire.transport.valueAsString().endsWith("+OK Logged in, 0 messages\r\n-ERR Unknown command in TRANSACTION state\r\n"));
    }

    @Test
    void apopWithTheGreetingsTimestamp() throws Exception {
        Wire wire = new Wire(c -> c.withApop());
        String timestamp = wire.greeting().substring(wire.greeting().indexOf('<'));
        assertTrue(timestamp.matches("<[0-9.a-z]+@pop\\.example\\.org>"), timestamp);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((timestamp + "secret").getBytes(StandardCharsets.US_ASCII)));
        wire.send("APOP alice 0123456789abcdef0123456789abcdef\r\nAPOP alice " + digest + "\r\n");
        assertEquals("-ERR [AUTH] Authentication failed\r\n+OK Logged in, 0 messages\r\n", wire.replies());
        Wire without = new Wire();
        without.send("APOP alice " + digest + "\r\n");
        assertEquals("-ERR APOP not available\r\n", without.replies());
    }

    @Test
    void authPlainWithAndWithoutInitialResponse() {
        Wire wire = new Wire();
        wire.send("AUTH PLAIN " + b64("\0alice\0wrong") + "\r\nAUTH PLAIN\r\n*\r\nAUTH PLAIN\r\n" + b64("\0jösé\0pässwörd") + "\r\n");
        assertEquals("-ERR [AUTH] Authentication failed\r\n+ \r\n-ERR Authentication cancelled\r\n+ \r\n+OK Logged in, 0 messages\r\n", wire.replies());
    }

    @Test
    void utf8UserAndPassword() {
        Wire wire = new Wire();
        wire.send("UTF8\r\nUSER jösé\r\nPASS pässwörd\r\n");
        assertEquals("+OK UTF8 enabled\r\n+OK Send your password\r\n+OK Logged in, 0 messages\r\n", wire.replies());
    }

    @Test
    void passwordsWithSpacesArePassedWhole() {
        Wire wire = new Wire();
        wire.send("USER alice\r\nPASS secret \r\n");
        assertEquals("+OK Send your password\r\n-ERR [AUTH] Authentication failed\r\n", wire.replies());
    }

    @Test
    void threeFailedLoginsClose() {
        Wire wire = new Wire();
        wire.send("USER alice\r\nPASS a\r\nUSER alice\r\nPASS b\r\nUSER alice\r\nPASS c\r\nUSER alice\r\n");
        assertTrue(wire.replies().endsWith("-ERR [AUTH] Authentication failed\r\n+OK Send your password\r\n"
                + "-ERR [AUTH] Authentication failed, too many attempts\r\n"), wire.replies());
        assertTrue(wire.closed());
    }

    @Test
    void pipelinedCommandsWaitForTheMailbox() {
        Wire wire = withMessages();
        Deferred<byte[]> slow = new Deferred<>();
        wire.send(LOGIN).clear();
        wire.mailbox.nextRetrieve = slow;
        wire.send("RETR 1\r\nSTAT\r\n");
        assertEquals("", wire.transport.valueAsString());
        slow.callback("Subject: late\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("+OK 23 octets\r\nSubject: late\r\n\r\nx\r\n.\r\n+OK 3 91\r\n", wire.transport.valueAsString());
    }

    @Test
    void idleTimeoutClosesWithoutUpdate() {
        Wire wire = withMessages();
        wire.send(LOGIN + "DELE 1\r\n");
        wire.clock.advance(Duration.ofMinutes(10));
        assertTrue(wire.replies().endsWith("-ERR Disconnected for inactivity\r\n"));
        assertTrue(wire.closed());
        assertTrue(wire.mailbox.deletedIds.isEmpty());
    }
}
