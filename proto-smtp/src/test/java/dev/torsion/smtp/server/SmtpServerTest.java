package dev.torsion.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.smtp.SmtpLimits;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.support.RecordingDelivery;
import dev.torsion.smtp.support.TestPortals;
import dev.torsion.smtp.support.Wire;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpServerTest {
    private static final String TRANSACTION = "MAIL FROM:<bob@sender.example>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deliversAMessageWithItsReceivedLine(boolean byteByByte) {
        Wire wire = new Wire();
        assertEquals(Wire.GREETING, wire.output());
        wire.send("EHLO client.example\r\n", byteByByte);
        wire.send("MAIL FROM:<bob@sender.example>\r\n", byteByByte);
        wire.send("RCPT TO:<alice@example.org>\r\n", byteByByte);
        wire.send("DATA\r\n", byteByByte);
        wire.send("Subject: hi\r\n\r\n..dot\r\nbody\r\n.\r\n", byteByByte);
        wire.send("QUIT\r\n", byteByByte);
        assertEquals(Wire.EHLO_REPLY + "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"
                + "250 2.0.0 Ok: queued as " + wire.delivery.messages.get(0).envelope.id() + "\r\n221 2.0.0 Bye\r\n", wire.replies());
        assertTrue(wire.closed());
        RecordingDelivery.Received message = wire.delivery.completed().get(0);
        assertEquals("Received: from client.example ([192.0.2.7])\r\n\tby mx.example.org (Torsion) with ESMTP id "
                + message.envelope.id() + "\r\n\tfor <alice@example.org>; Sat, 5 Dec 2026 18:00:00 +0000\r\n"
                + "Subject: hi\r\n\r\n.dot\r\nbody\r\n", message.text());
        assertEquals("bob@sender.example", message.envelope.from().toString());
        assertEquals(SmtpState.CLOSED, wire.server.state());
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        Wire wire = new Wire();
        wire.send("EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<nobody@example.org>\r\nRCPT TO:<alice@example.org>\r\nRCPT TO:<x@other.example>\r\nDATA\r\n");
        assertEquals(Wire.EHLO_REPLY + "250 2.1.0 Ok\r\n550 5.1.1 No such user\r\n250 2.1.5 Ok\r\n554 5.7.1 Relay access denied\r\n"
                + "354 End data with <CR><LF>.<CR><LF>\r\n", wire.replies());
        wire.clear().send("x\r\n.\r\n");
        assertTrue(wire.output().startsWith("250 2.0.0 Ok: queued as "));
        assertEquals(1, wire.delivery.completed().get(0).envelope.recipients().size());
        assertNull(wire.delivery.completed().get(0).envelope.from());
    }

    @Test
    void waitsForAPendingValidationBeforeReadingTheNextCommand() {
        Wire wire = new Wire();
        Deferred<Void> slow = new Deferred<>();
        wire.delivery.nextValidateTo = slow;
        wire.send("HELO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\nRCPT TO:<nobody@example.org>\r\nNOOP\r\n");
        assertEquals("250 mx.example.org\r\n250 2.1.0 Ok\r\n", wire.replies());
        slow.errback(new SmtpRejection(450, "4.2.1", "Mailbox busy"));
        assertEquals("250 mx.example.org\r\n250 2.1.0 Ok\r\n450 4.2.1 Mailbox busy\r\n550 5.1.1 No such user\r\n250 2.0.0 Ok\r\n", wire.replies());
    }

    @Test
    void theReceiversDeferredDecidesTheFinalReply() {
        Wire wire = new Wire();
        Deferred<Void> end = new Deferred<>();
        wire.delivery.nextEnd = end;
        wire.send("HELO c\r\n" + TRANSACTION).send("x\r\n.\r\nNOOP\r\n").clear();
        assertEquals("", wire.output());
        end.errback(new SmtpRejection(554, "5.7.1", "Message refused: virus"));
        assertEquals("554 5.7.1 Message refused: virus\r\n250 2.0.0 Ok\r\n", wire.output());

        Wire broken = new Wire();
        broken.delivery.nextEnd = Deferred.fail(new IllegalStateException("disk full"));
        broken.send("HELO c\r\n" + TRANSACTION).send("x\r\n.\r\n");
        assertTrue(broken.output().endsWith("354 End data with <CR><LF>.<CR><LF>\r\n451 4.3.0 Error: local error in processing\r\n"));
    }

    @Test
    void unexpectedValidationFailureIs451() {
        Wire wire = new Wire();
        wire.send("HELO c\r\nMAIL FROM:<spammer@x.example>\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<broken@example.org>\r\n");
        assertEquals("250 mx.example.org\r\n550 5.7.1 Sender refused\r\n250 2.1.0 Ok\r\n451 4.3.0 Error: local error in processing\r\n", wire.replies());
    }

    @Test
    void commandsOutOfSequenceEarn503() {
        Wire wire = new Wire();
        wire.send("MAIL FROM:<a@b.example>\r\nHELO c\r\nRCPT TO:<alice@example.org>\r\nDATA\r\nMAIL FROM:<a@b.example>\r\n"
                + "MAIL FROM:<a@b.example>\r\nDATA\r\nRSET\r\nRCPT TO:<alice@example.org>\r\n");
        assertEquals("503 5.5.1 Error: send HELO/EHLO first\r\n250 mx.example.org\r\n503 5.5.1 Error: need MAIL command\r\n"
                + "503 5.5.1 Error: need MAIL command\r\n250 2.1.0 Ok\r\n503 5.5.1 Error: nested MAIL command\r\n"
                + "503 5.5.1 Error: need RCPT command\r\n250 2.0.0 Ok\r\n503 5.5.1 Error: need MAIL command\r\n", wire.replies());
    }

    @Test
    void ehloInTheMiddleOfATransactionResetsIt() {
        Wire wire = new Wire();
        wire.send("EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\nEHLO c\r\nDATA\r\n");
        assertTrue(wire.replies().endsWith(Wire.EHLO_REPLY + "503 5.5.1 Error: need MAIL command\r\n"));
    }

    @Test
    void vrfyAndExpnAreOff() {
        Wire wire = new Wire();
        wire.send("VRFY alice\r\nEXPN staff\r\nHELP\r\nNOOP\r\n");
        assertEquals("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery\r\n502 5.5.1 EXPN not available\r\n"
                + "214 2.0.0 See RFC 5321\r\n250 2.0.0 Ok\r\n", wire.replies());
    }

    @Test
    void sizeIsAnnouncedAndEnforced() {
        Wire wire = new Wire(Wire.defaultConfig().withLimits(SmtpLimits.DEFAULTS.withMessageSize(100)), new RecordingDelivery());
        wire.send("EHLO c\r\nMAIL FROM:<a@b.example> SIZE=101\r\nMAIL FROM:<a@b.example> SIZE=99999999999999999999\r\nMAIL FROM:<a@b.example> SIZE=100\r\n"
                + "RCPT TO:<alice@example.org>\r\nDATA\r\n");
        assertTrue(wire.replies().contains("250-SIZE 100\r\n"));
        assertTrue(wire.replies().endsWith("552 5.3.4 Message size exceeds fixed limit\r\n552 5.3.4 Message size exceeds fixed limit\r\n"
                + "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"));
        wire.clear().send("x".repeat(150) + "\r\n.\r\nNOOP\r\n");
        assertEquals("552 5.3.4 Message size exceeds fixed limit\r\n250 2.0.0 Ok\r\n", wire.output());
        assertTrue(wire.delivery.messages.get(0).aborted);
        assertTrue(wire.delivery.completed().isEmpty());
    }

    @Test
    void textLineOver1000OctetsIsRefusedAtTheEnd() {
        Wire wire = new Wire();
        wire.send("HELO c\r\n" + TRANSACTION).send("a".repeat(999) + "\r\n.\r\n");
        assertTrue(wire.replies().endsWith("354 End data with <CR><LF>.<CR><LF>\r\n500 5.5.6 Line too long\r\n"));
        assertTrue(wire.delivery.messages.get(0).aborted);
    }

    @Test
    void tooManyRecipientsEarn452() {
        Wire wire = new Wire(Wire.defaultConfig().withLimits(SmtpLimits.DEFAULTS.withRecipients(2)), new RecordingDelivery());
        wire.send("HELO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\n");
        assertTrue(wire.replies().endsWith("250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n452 4.5.3 Error: too many recipients\r\n"));
    }

    @Test
    void tooManyErrorsEnd421() {
        Wire wire = new Wire(Wire.defaultConfig().withLimits(SmtpLimits.DEFAULTS.withErrorsBeforeDisconnect(3)), new RecordingDelivery());
        wire.send("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");
        assertEquals("500 5.5.2 Error: command not recognized\r\n500 5.5.2 Error: command not recognized\r\n"
                + "500 5.5.2 Error: command not recognized\r\n421 4.7.0 mx.example.org Error: too many errors\r\n", wire.replies());
        assertTrue(wire.closed());
        assertEquals(SmtpState.CLOSED, wire.server.state());
    }

    @Test
    void idleTimeoutEnds421AndDropsTheMessage() {
        Wire wire = new Wire();
        wire.send("HELO c\r\n" + TRANSACTION).send("partial");
        wire.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertFalse(wire.closed());
        wire.clock.advance(Duration.ofSeconds(1));
        assertTrue(wire.replies().endsWith("421 4.4.2 mx.example.org Error: timeout exceeded\r\n"));
        assertTrue(wire.closed());
        assertTrue(wire.delivery.messages.get(0).aborted);
    }

    @Test
    void connectionLostAbortsTheMessage() {
        Wire wire = new Wire();
        wire.send("HELO c\r\n" + TRANSACTION).send("partial\r\n");
        wire.server.connectionLost(null);
        assertTrue(wire.delivery.messages.get(0).aborted);
        assertFalse(wire.delivery.messages.get(0).ended);
    }

    @Test
    void bdatChunksMakeOneMessage() {
        Wire wire = new Wire(Wire.defaultConfig().withoutReceivedHeader(), new RecordingDelivery());
        wire.send("EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\nBDAT 7\r\nline\r\n.BDAT 0\r\nBDAT 6 LAST\r\nend\n\r\n");
        assertTrue(wire.replies().endsWith("250 2.1.5 Ok\r\n250 2.0.0 7 octets received\r\n250 2.0.0 7 octets received\r\n250 2.0.0 Ok: queued as "
                + wire.delivery.messages.get(0).envelope.id() + "\r\n"), wire.replies());
        assertEquals("line\r\n.end\n\r\n", wire.delivery.completed().get(0).text());
        wire.clear().send("MAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\nBDAT 1\r\nxDATA\r\nBDAT 0 LAST\r\n");
        assertEquals("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.0.0 1 octets received\r\n503 5.5.1 Error: DATA after BDAT\r\n250 2.0.0 Ok: queued as "
                + wire.delivery.messages.get(1).envelope.id() + "\r\n", wire.output());
    }

    @Test
    void bdatOutOfSequenceSkipsItsChunk() {
        Wire wire = new Wire();
        wire.send("EHLO c\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n");
        assertTrue(wire.replies().endsWith("503 5.5.1 Error: need MAIL command\r\n250 2.0.0 Ok\r\n"));
        assertFalse(wire.closed());
    }

    @Test
    void bdatBeyondTheSizeLimitIsReadAndRefused() {
        Wire wire = new Wire(Wire.defaultConfig().withLimits(SmtpLimits.DEFAULTS.withMessageSize(10)).withoutReceivedHeader(), new RecordingDelivery());
        wire.send("EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\nBDAT 20 LAST\r\n" + "y".repeat(20) + "NOOP\r\n");
        assertTrue(wire.replies().endsWith("552 5.3.4 Message size exceeds fixed limit\r\n250 2.0.0 Ok\r\n"));
        assertTrue(wire.delivery.completed().isEmpty());
    }

    @Test
    void startTlsResetsTheSessionAndDropsPipelinedPlaintext() throws Exception {
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        Wire wire = new Wire(Wire.defaultConfig().withStartTls(tls).withAuth(TestPortals.portal(new TestClock()), Object.class),
                new RecordingDelivery());
        wire.send("EHLO c\r\n");
        assertTrue(wire.replies().endsWith("250-CHUNKING\r\n250 STARTTLS\r\n"));
        assertFalse(wire.replies().contains("AUTH"));
        wire.clear().send("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\nRCPT TO:<alice@example.org>\r\n");
        assertEquals("220 2.0.0 Ready to start TLS\r\n", wire.output());
        assertSame(tls, wire.transport.tlsOptions());
        assertEquals(wire.output().length(), wire.transport.tlsStartedAfterBytes());
        assertEquals(SmtpState.CONNECTED, wire.server.state());
        wire.clear().send("MAIL FROM:<a@b.example>\r\nEHLO c\r\n");
        assertTrue(wire.output().startsWith("503 5.5.1 Error: send HELO/EHLO first\r\n250-mx.example.org\r\n"));
        assertFalse(wire.output().contains("STARTTLS"));
        assertTrue(wire.output().contains("250 AUTH PLAIN LOGIN\r\n"));
        assertTrue(wire.output().endsWith("250-CHUNKING\r\n250 AUTH PLAIN LOGIN\r\n"));
        wire.clear().send("STARTTLS\r\n");
        assertEquals("503 5.5.1 Error: TLS already active\r\n", wire.output());
    }

    @Test
    void startTlsNotOfferedEarns502() {
        Wire wire = new Wire();
        wire.send("EHLO c\r\nSTARTTLS\r\n");
        assertTrue(wire.replies().endsWith("502 5.5.1 Error: STARTTLS not available\r\n"));
    }

    @Test
    void authBeforeTlsIsRefusedUnlessConfigured() {
        Wire wire = new Wire(Wire.defaultConfig().withAuth(TestPortals.portal(new TestClock()), Object.class), new RecordingDelivery());
        wire.send("EHLO c\r\nAUTH PLAIN " + b64("\0alice\0secret") + "\r\n");
        assertTrue(wire.replies().endsWith("250 CHUNKING\r\n538 5.7.11 Encryption required for requested authentication mechanism\r\n"));
        Wire none = new Wire();
        none.send("EHLO c\r\nAUTH PLAIN x\r\n");
        assertTrue(none.replies().endsWith("502 5.5.1 Error: authentication not enabled\r\n"));
    }

    private static Wire authWire() {
        return new Wire(Wire.defaultConfig().withAuth(TestPortals.portal(new TestClock()), Object.class).allowingAuthWithoutTls(),
                new RecordingDelivery());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void authPlainWithAndWithoutInitialResponse(boolean byteByByte) {
        Wire wire = authWire();
        wire.send("EHLO c\r\nAUTH PLAIN " + b64("\0alice\0wrong") + "\r\nAUTH PLAIN\r\n" + b64("alice\0alice\0secret") + "\r\n"
                + "MAIL FROM:<alice@example.org>\r\nRCPT TO:<friend@elsewhere.example>\r\nAUTH PLAIN x\r\n", byteByByte);
        assertTrue(wire.replies().endsWith("250 AUTH PLAIN LOGIN\r\n535 5.7.8 Authentication credentials invalid\r\n334 \r\n"
                + "235 2.7.0 Authentication successful\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n503 5.5.1 Error: already authenticated\r\n"), wire.replies());
    }

    @Test
    void authLoginWithUtf8Password() {
        Wire wire = authWire();
        wire.send("EHLO c\r\nAUTH LOGIN\r\n" + b64("jösé") + "\r\n" + b64("pässwörd:with colon") + "\r\n");
        assertTrue(wire.replies().endsWith("334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"));
        Wire initial = authWire();
        initial.send("EHLO c\r\nAUTH LOGIN " + b64("alice") + "\r\n" + b64("secret") + "\r\n");
        assertTrue(initial.replies().endsWith("334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"));
    }

    @Test
    void authExchangeErrors() {
        Wire wire = authWire();
        wire.send("AUTH PLAIN\r\nEHLO c\r\nAUTH CRAM-MD5\r\nAUTH PLAIN\r\n*\r\nAUTH PLAIN\r\n!!!notbase64\r\nAUTH PLAIN " + b64("bob\0alice\0secret")
                + "\r\nMAIL FROM:<a@b.example>\r\nAUTH PLAIN\r\n");
        assertEquals("503 5.5.1 Error: send EHLO first\r\n", wire.replies().substring(0, 34));
        assertTrue(wire.replies().endsWith("250 AUTH PLAIN LOGIN\r\n504 5.5.4 Unrecognized authentication type\r\n334 \r\n501 5.7.0 Authentication cancelled\r\n"
                + "334 \r\n501 5.5.2 Invalid base64 data\r\n535 5.7.8 Authentication credentials invalid\r\n250 2.1.0 Ok\r\n"
                + "503 5.5.1 Error: MAIL transaction in progress\r\n"), wire.replies());
    }

    @Test
    void receiverBackpressureStopsReading() {
        Wire wire = new Wire(Wire.defaultConfig().withoutReceivedHeader(), new RecordingDelivery());
        wire.send("HELO c\r\n" + TRANSACTION);
        wire.server.pauseProducing();
        wire.send("first\r\n");
        assertEquals("", wire.delivery.messages.get(0).text());
        wire.server.resumeProducing();
        assertEquals("first\r\n", wire.delivery.messages.get(0).text());
    }

    @Test
    void receivedLineCannotBeInjected() {
        Wire wire = new Wire();
        wire.send("HELO evil)\tX-Injected:(yes\r\n" + TRANSACTION).send("x\r\n.\r\n");
        String text = wire.delivery.completed().get(0).text();
        assertTrue(text.startsWith("Received: from evil??X-Injected:?yes ([192.0.2.7])\r\n"), text);
    }

    @Test
    void improperPipeliningAfterDataIsRefused() {
        Wire wire = new Wire();
        wire.send("HELO c\r\n" + TRANSACTION + "Subject: x\r\n");
        assertTrue(wire.replies().endsWith("250 2.1.5 Ok\r\n554 5.5.0 Error: improper use of SMTP command pipelining\r\n500 5.5.2 Error: command not recognized\r\n"),
                wire.replies());
        assertTrue(wire.delivery.messages.isEmpty());
    }

    @Test
    void smtpUtf8AddressesNeedTheParameter() {
        Wire wire = new Wire();
        wire.send("EHLO c\r\nMAIL FROM:<jösé@b.example>\r\nMAIL FROM:<jösé@b.example> SMTPUTF8\r\nRCPT TO:<ä@example.org>\r\n");
        assertTrue(wire.replies().endsWith("553 5.6.7 Non-ASCII address needs SMTPUTF8\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"));
    }

    @Test
    void parametersNeedEhloAndUnknownOnesEarn555() {
        Wire wire = new Wire();
        wire.send("HELO c\r\nMAIL FROM:<a@b.example> BODY=8BITMIME\r\nEHLO c\r\nMAIL FROM:<a@b.example> RET=FULL\r\n"
                + "MAIL FROM:<a@b.example> BODY=BINARYMIME\r\nMAIL FROM:<a@b.example> BODY=8BITMIME AUTH=<>\r\nRCPT TO:<alice@example.org> NOTIFY=NEVER\r\n");
        assertTrue(wire.replies().startsWith("250 mx.example.org\r\n555 5.5.4 Parameters need EHLO\r\n"));
        assertTrue(wire.replies().endsWith("555 5.5.4 Unsupported parameter RET\r\n501 5.5.4 Unsupported BODY type\r\n250 2.1.0 Ok\r\n"
                + "555 5.5.4 Unsupported parameter NOTIFY\r\n"), wire.replies());
    }

    @Test
    void implicitTlsOffersAuthAndNotStartTls() throws Exception {
        Wire wire = new Wire(Wire.defaultConfig().withImplicitTls().withStartTls(TlsOptions.server(SSLContext.getDefault()))
                .withAuth(TestPortals.portal(new TestClock()), Object.class), new RecordingDelivery());
        wire.send("EHLO c\r\nSTARTTLS\r\n");
        assertTrue(wire.replies().endsWith("250-CHUNKING\r\n250 AUTH PLAIN LOGIN\r\n503 5.5.1 Error: TLS already active\r\n"), wire.replies());
    }

    @Test
    void aClientTalkingBeforeTheDelayedGreetingIsCutOff() {
        Wire early = new Wire(Wire.defaultConfig().withGreetingDelay(Duration.ofSeconds(3)), new RecordingDelivery());
        assertEquals("", early.output());
        early.send("EHLO spam\r\nMAIL FROM:<a@b.example>\r\n");
        assertEquals("554 5.5.1 Error: SMTP protocol synchronization (data before the greeting)\r\n", early.output());
        assertTrue(early.closed());
        early.clock.advance(Duration.ofSeconds(3));
        assertFalse(early.output().contains("220"), "no greeting after the cut");

        Wire patient = new Wire(Wire.defaultConfig().withGreetingDelay(Duration.ofSeconds(3)), new RecordingDelivery());
        patient.clock.advance(Duration.ofSeconds(3));
        assertEquals(Wire.GREETING, patient.output());
        patient.send("HELO c\r\n");
        assertEquals(Wire.GREETING + "250 mx.example.org\r\n", patient.output());
    }
}
