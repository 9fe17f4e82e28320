package dev.torsion.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.smtp.support.RecordingDelivery;
import dev.torsion.smtp.support.TestPortals;
import dev.torsion.smtp.support.Wire;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed input, each with the exact replies it earns, whether the connection ends
 * and how many messages reach the delivery; every case is replayed whole (each step in one read)
 * and byte by byte.
 */
class HostileSmtpCorpusTest {
    private static final String EHLO = "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n"
            + "250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n";
    private static final String SETUP = "EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.org>\r\n";
    private static final String SETUP_REPLY = EHLO + "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n";
    private static final String DATA_REPLY = SETUP_REPLY + "354 End data with <CR><LF>.<CR><LF>\r\n";
    private static final String SMUGGLED = "MAIL FROM:<admin@example.org>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\nFrom: admin\r\n\r\nforged\r\n.\r\n";
    private static final String SMUGGLING_REPLY = DATA_REPLY + "521 5.5.2 Error: bare CR or LF in message data (RFC 5321 section 2.3.8)\r\n";
    private static final String E500 = "500 5.5.2 Error: command not recognized\r\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    record Case(String name, List<String> steps, String replies, boolean closed, int delivered, Charset charset) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String replies, boolean closed, int delivered, String... steps) {
        return new Case(name, List.of(steps), replies, closed, delivered, StandardCharsets.UTF_8);
    }

    /** A case whose steps are sent as ISO-8859-1, one byte per char, to send invalid UTF-8. */
    private static Case raw(String name, String replies, boolean closed, int delivered, String... steps) {
        return new Case(name, List.of(steps), replies, closed, delivered, StandardCharsets.ISO_8859_1);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // SMTP smuggling (CVE-2023-51764, CVE-2023-51765, CVE-2023-51766 and kin): only CR LF . CR LF ends DATA.
                c("smuggling LF.LF", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\n.\n" + SMUGGLED),
                c("smuggling CRLF.LF", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\r\n.\n" + SMUGGLED),
                c("smuggling LF.CRLF", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\n.\r\n" + SMUGGLED),
                c("smuggling CR.CR", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\r.\r" + SMUGGLED),
                c("smuggling CRLF.CR", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\r\n.\r" + SMUGGLED),
                c("smuggling CR.CRLF", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "x\r.\r\n" + SMUGGLED),
                c("bare LF in header", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\nBcc: b\r\n\r\nx\r\n.\r\n"),
                c("bare CR in body", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "Subject: a\r\n\r\nx\ry\r\n.\r\n"),
                c("CR CR LF", SMUGGLING_REPLY, true, 0, SETUP + "DATA\r\n", "x\r\r\n.\r\n"),
                c("dot-stuffed end marker is text", DATA_REPLY + "250 2.0.0 Ok: queued as ID\r\n", false, 1, SETUP + "DATA\r\n", "x\r\n..\r\n.\r\n"),
                c("text line over 1000 octets", DATA_REPLY + "500 5.5.6 Line too long\r\n", false, 0, SETUP + "DATA\r\n", "a".repeat(1200) + "\r\n.\r\n"),
                // Command lines.
                c("command line over 512 octets", EHLO + "500 5.5.2 Line too long\r\n250 2.0.0 Ok\r\n", false, 0,
                        "EHLO c\r\nNOOP " + "a".repeat(600) + "\r\nNOOP\r\n"),
                c("endless line", EHLO + "500 5.5.2 Line too long\r\n250 2.0.0 Ok\r\n", false, 0,
                        "EHLO c\r\n", "x".repeat(100_000), "\r\nNOOP\r\n"),
                c("bare LF ends a command", "500 5.5.2 Syntax error, bare LF in command line (RFC 5321 section 2.3.8)\r\n250 2.0.0 Ok\r\n",
                        false, 0, "EHLO c\nNOOP\r\n"),
                c("NUL in command", "500 5.5.2 Syntax error, control character in command\r\n", false, 0, "NO\0OP\r\n"),
                c("bare CR in command", "500 5.5.2 Syntax error, control character in command\r\n", false, 0, "HELO a\rMAIL FROM:<x@y.example>\r\n"),
                raw("invalid UTF-8 in command", "500 5.5.2 Syntax error, invalid UTF-8 in command\r\n", false, 0, "HELO \u00c3(\r\n"),
                raw("overlong UTF-8 in address", EHLO + "500 5.5.2 Syntax error, invalid UTF-8 in command\r\n", false, 0,
                        "EHLO c\r\nMAIL FROM:<\u00c0\u00afetc@b.example> SMTPUTF8\r\n"),
                c("unknown command", E500, false, 0, "XEXCH50 1 2\r\n"),
                c("empty line", "500 5.5.2 Syntax error, command unrecognized\r\n", false, 0, "\r\n"),
                c("QUIT ends the packet", "221 2.0.0 Bye\r\n", true, 0, "QUIT\r\nNOOP\r\nNOOP\r\n"),
                c("too many errors", E500.repeat(10) + "421 4.7.0 mx.example.org Error: too many errors\r\n", true, 0, "X\r\n".repeat(12)),
                // Sequencing (RFC 5321 §4.1.4).
                c("DATA first", "503 5.5.1 Error: need MAIL command\r\n", false, 0, "DATA\r\n"),
                c("RCPT first", "503 5.5.1 Error: need MAIL command\r\n", false, 0, "RCPT TO:<alice@example.org>\r\n"),
                c("MAIL before EHLO", "503 5.5.1 Error: send HELO/EHLO first\r\n", false, 0, "MAIL FROM:<a@b.example>\r\n"),
                c("nested MAIL", SETUP_REPLY + "503 5.5.1 Error: nested MAIL command\r\n", false, 0, SETUP + "MAIL FROM:<a@b.example>\r\n"),
                c("HELO without name", "501 5.5.4 Syntax: HELO hostname\r\n", false, 0, "HELO\r\n"),
                c("DATA with argument", SETUP_REPLY + "501 5.5.4 Syntax: DATA\r\n", false, 0, SETUP + "DATA now\r\n"),
                c("MAIL without brackets", EHLO + "501 5.1.7 Bad address syntax: brackets required\r\n", false, 0, "EHLO c\r\nMAIL FROM:a@b.example\r\n"),
                c("path too long", EHLO + "250 2.1.0 Ok\r\n501 5.1.3 Bad address syntax: local part empty or too long\r\n", false, 0,
                        "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<" + "l".repeat(100) + "@example.org>\r\n"),
                c("bad SIZE", EHLO + "501 5.5.4 Bad SIZE parameter\r\n", false, 0, "EHLO c\r\nMAIL FROM:<a@b.example> SIZE=-1\r\n"),
                c("relay attempt", EHLO + "250 2.1.0 Ok\r\n554 5.7.1 Relay access denied\r\n", false, 0,
                        "EHLO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<victim@elsewhere.example>\r\n"),
                // CHUNKING (RFC 3030) with lying or bad sizes.
                c("BDAT shorter than said", SETUP_REPLY + "250 2.0.0 Ok: queued as ID\r\n500 5.5.2 Syntax error, command unrecognized\r\n", false, 1,
                        SETUP + "BDAT 5 LAST\r\nhello world\r\n"),
                c("BDAT size overflow", SETUP_REPLY + "501 5.5.4 Syntax: BDAT size [LAST]\r\n", false, 0, SETUP + "BDAT 99999999999999999999\r\n"),
                c("BDAT negative", SETUP_REPLY + "501 5.5.4 Syntax: BDAT size [LAST]\r\n", false, 0, SETUP + "BDAT -1\r\n"),
                c("BDAT junk", SETUP_REPLY + "501 5.5.4 Syntax: BDAT size [LAST]\r\n", false, 0, SETUP + "BDAT 5 LASTX\r\n"),
                c("BDAT before RCPT", EHLO + "250 2.1.0 Ok\r\n503 5.5.1 Error: need RCPT command\r\n250 2.0.0 Ok\r\n", false, 0,
                        "EHLO c\r\nMAIL FROM:<a@b.example>\r\nBDAT 6\r\nRSET\r\nNOOP\r\n"),
                // AUTH (RFC 4954) with bad responses.
                c("AUTH bad base64", EHLO + "501 5.5.2 Invalid base64 data\r\n", false, 0, "EHLO c\r\nAUTH PLAIN !!!\r\n"),
                c("AUTH PLAIN without NULs", EHLO + "501 5.5.2 Invalid PLAIN response\r\n", false, 0, "EHLO c\r\nAUTH PLAIN " + b64("alicesecret") + "\r\n"),
                c("AUTH LOGIN empty user", EHLO + "334 VXNlcm5hbWU6\r\n501 5.5.2 Invalid username\r\n", false, 0, "EHLO c\r\nAUTH LOGIN\r\n=\r\n"),
                c("AUTH response too long", EHLO + "334 \r\n500 5.5.6 Authentication exchange line too long\r\n250 2.0.0 Ok\r\n", false, 0,
                        "EHLO c\r\nAUTH PLAIN\r\n" + "QUFB".repeat(4000) + "\r\nNOOP\r\n"),
                c("AUTH as another identity", EHLO + "535 5.7.8 Authentication credentials invalid\r\n", false, 0,
                        "EHLO c\r\nAUTH PLAIN " + b64("admin\0alice\0secret") + "\r\n"),
                c("AUTH mid-transaction", SETUP_REPLY + "503 5.5.1 Error: MAIL transaction in progress\r\n", false, 0, SETUP + "AUTH PLAIN\r\n"),
                // STARTTLS misuse (RFC 3207).
                c("STARTTLS with argument", EHLO + "501 5.5.4 Syntax: STARTTLS\r\n", false, 0, "EHLO c\r\nSTARTTLS now\r\n"),
                c("STARTTLS before EHLO", "503 5.5.1 Error: send EHLO first\r\n", false, 0, "STARTTLS\r\n"),
                c("STARTTLS mid-transaction", SETUP_REPLY + "503 5.5.1 Error: MAIL transaction in progress\r\n", false, 0, SETUP + "STARTTLS\r\n"));
    }

    private static Wire wire() throws NoSuchAlgorithmException {
        SmtpServerConfig config = Wire.defaultConfig()
                .withStartTls(TlsOptions.server(SSLContext.getDefault()))
                .withAuth(TestPortals.portal(new TestClock()), Object.class)
                .allowingAuthWithoutTls()
                .withoutReceivedHeader();
        return new Wire(config, new RecordingDelivery());
    }

    static Stream<Arguments> replays() {
        return corpus().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} byteByByte={1}")
    @MethodSource("replays")
    void earnsItsExactReply(Case hostile, boolean byteByByte) throws Exception {
        Wire wire = wire();
        for (String step : hostile.steps()) {
            wire.send(step.getBytes(hostile.charset()), byteByByte);
        }
        assertEquals(hostile.replies(), wire.replies().replaceAll("queued as \\S+", "queued as ID"), hostile.name());
        assertEquals(hostile.closed(), wire.closed(), "closed");
        assertEquals(hostile.delivered(), wire.delivery.completed().size(), "delivered");
        if (hostile.delivered() == 0) {
            assertTrue(wire.delivery.messages.stream().allMatch(m -> m.aborted || !m.ended));
        }
    }
}
