package dev.torsion.smtp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.protocols.DotStuffedEncoder;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.smtp.SmtpReply;
import dev.torsion.smtp.codec.InputBuffer;
import dev.torsion.smtp.codec.ReplyParser;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message over one connection, as Twisted's {@code ESMTPSender}: EHLO with HELO fallback
 * (RFC 5321 §3.2), STARTTLS (RFC 3207) when required or offered, AUTH PLAIN or LOGIN (RFC 4954),
 * SIZE (RFC 1870) checked and announced, BODY=8BITMIME (RFC 6152), PIPELINING (RFC 2920) of MAIL,
 * RCPT and DATA/BDAT, CHUNKING (RFC 3030) with one {@code BDAT n LAST}. {@link #result()} fires with
 * a {@link SendResult} once the server accepted the message, or fails with
 * {@link SmtpClientException}.
 */
public final class SmtpClient extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);

    /** The reply a pipelined command is waiting for. */
    private enum Expect { MAIL, RCPT, DATA, BDAT }

    private final SmtpClientConfig config;
    private final String from;
    private final List<String> recipients;
    private final byte[] message;
    private final Deferred<SendResult> result = new Deferred<>();
    private final IdleTimeout idle;
    private final InputBuffer input = new InputBuffer();
    private final ReplyParser replies = new ReplyParser();
    private final Deque<Expect> expected = new ArrayDeque<>();
    private final Deque<byte[]> unsent = new ArrayDeque<>();
    private final List<String> accepted = new ArrayList<>();
    private final Map<String, SmtpReply> refused = new LinkedHashMap<>();
    private final Map<String, String> extensions = new HashMap<>();

    private SmtpClientState state = SmtpClientState.GREETING;
    private boolean tls;
    private boolean tlsRefused;
    private boolean authenticated;
    private boolean loginPasswordNext;
    private int rcptIndex;

    /**
     * A client that sends {@code message} from {@code from} (empty for the null sender) to
     * {@code recipients}; its reply timeout runs on {@code clock}.
     */
    public SmtpClient(SmtpClientConfig config, String from, List<String> recipients, byte[] message, Clock clock) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is required");
        }
        this.config = config;
        this.from = from;
        this.recipients = List.copyOf(recipients);
        this.message = message.clone();
        this.idle = new IdleTimeout(clock, this::timedOut);
    }

    /** Fires with the result once the server accepted the message, or fails. */
    public Deferred<SendResult> result() {
        return result;
    }

    /** The session's state. */
    public SmtpClientState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(config.replyTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == SmtpClientState.DONE) {
            return;
        }
        idle.resetTimeout();
        input.append(data);
        SmtpReply reply;
        while (state != SmtpClientState.DONE && (reply = replies.next(input)) != null) {
            handle(reply);
        }
        if (replies.isFailed() && state != SmtpClientState.DONE) {
            fail(new SmtpClientException("protocol error: " + replies.failure(), null), true);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        if (!result.isCalled()) {
            result.errback(new SmtpClientException("connection lost in state " + state
                    + (reason == null ? "" : ": " + reason.getErrorMessage()), null));
        }
        state = SmtpClientState.DONE;
    }

    private void handle(SmtpReply reply) {
        switch (state) {
            case GREETING -> greeting(reply);
            case EHLO -> ehlo(reply);
            case HELO -> helo(reply);
            case STARTTLS -> startTls(reply);
            case AUTH -> auth(reply);
            case ENVELOPE -> envelope(reply);
            case CONTENT -> content(reply);
            default -> throw new IllegalStateException("reply in state " + state);
        }
    }

    private void greeting(SmtpReply reply) {
        if (reply.code() != 220) {
            fail(new SmtpClientException("server refused the session", reply), false);
            return;
        }
        sendEhlo();
    }

    private void sendEhlo() {
        state = SmtpClientState.EHLO;
        send("EHLO " + config.heloName());
    }

    private void ehlo(SmtpReply reply) {
        if (reply.code() == 250) {
            extensions.clear();
            for (String line : reply.lines().subList(1, reply.lines().size())) {
                int space = line.indexOf(' ');
                extensions.put((space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT),
                        space < 0 ? "" : line.substring(space + 1));
            }
            afterHello();
        } else if (reply.code() >= 500 && !tls) {
            // RFC 5321 §3.2: a server that does not know EHLO gets HELO.
            state = SmtpClientState.HELO;
            send("HELO " + config.heloName());
        } else {
            fail(new SmtpClientException("EHLO refused", reply), false);
        }
    }

    private void helo(SmtpReply reply) {
        if (reply.code() != 250) {
            fail(new SmtpClientException("HELO refused", reply), false);
            return;
        }
        extensions.clear();
        afterHello();
    }

    private void afterHello() {
        boolean wantTls = config.tlsMode() != TlsMode.NONE && !tls && !tlsRefused;
        if (wantTls && extensions.containsKey("STARTTLS") && transport() instanceof TlsCapableTransport) {
            state = SmtpClientState.STARTTLS;
            send("STARTTLS");
            return;
        }
        if (config.tlsMode() == TlsMode.REQUIRED && !tls) {
            fail(new SmtpClientException("STARTTLS required but not offered", null), false);
            return;
        }
        if (config.username() != null && !authenticated) {
            startAuth();
            return;
        }
        startEnvelope();
    }

    private void startTls(SmtpReply reply) {
        if (reply.code() != 220) {
            if (config.tlsMode() == TlsMode.REQUIRED) {
                fail(new SmtpClientException("STARTTLS refused", reply), false);
                return;
            }
            tlsRefused = true;
            afterHello();
            return;
        }
        tls = true;
        // RFC 3207 §4.2: forget what was learned in the clear and ask again.
        extensions.clear();
        ((TlsCapableTransport) transport()).startTLS(config.tls());
        sendEhlo();
    }

    private void startAuth() {
        String mechanisms = extensions.get("AUTH");
        if (mechanisms == null) {
            fail(new SmtpClientException("AUTH not offered" + (tls ? "" : " (without TLS)"), null), false);
            return;
        }
        List<String> offered = List.of(mechanisms.toUpperCase(Locale.ROOT).split(" "));
        state = SmtpClientState.AUTH;
        if (offered.contains("PLAIN")) {
            send("AUTH PLAIN " + base64("\0" + config.username() + "\0" + config.password()));
        } else if (offered.contains("LOGIN")) {
            loginPasswordNext = false;
            send("AUTH LOGIN");
        } else {
            fail(new SmtpClientException("no common AUTH mechanism in " + mechanisms, null), false);
        }
    }

    private void auth(SmtpReply reply) {
        if (reply.code() == 235) {
            authenticated = true;
            startEnvelope();
        } else if (reply.code() == 334 && !loginPasswordNext) {
            loginPasswordNext = true;
            send(base64(config.username()));
        } else if (reply.code() == 334) {
            send(base64(config.password()));
        } else {
            fail(new SmtpClientException("authentication failed", reply), false);
        }
    }

    private void startEnvelope() {
        long limit = sizeLimit();
        if (limit > 0 && message.length > limit) {
            fail(new SmtpClientException("message of " + message.length + " octets over the server's SIZE " + limit, null), false);
            return;
        }
        state = SmtpClientState.ENVELOPE;
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(from).append('>');
        if (extensions.containsKey("SIZE")) {
            mail.append(" SIZE=").append(message.length);
        }
        if (extensions.containsKey("8BITMIME") && isEightBit(message)) {
            mail.append(" BODY=8BITMIME");
        }
        if (extensions.containsKey("SMTPUTF8") && !isAscii(from + recipients)) {
            mail.append(" SMTPUTF8");
        }
        List<byte[]> commands = new ArrayList<>();
        commands.add(line(mail.toString()));
        expected.add(Expect.MAIL);
        for (String recipient : recipients) {
            commands.add(line("RCPT TO:<" + recipient + ">"));
            expected.add(Expect.RCPT);
        }
        if (extensions.containsKey("CHUNKING")) {
            byte[] canonical = DotStuffedEncoder.crlfLines(message);
            byte[] bdat = line("BDAT " + canonical.length + " LAST");
            byte[] chunk = new byte[bdat.length + canonical.length];
            System.arraycopy(bdat, 0, chunk, 0, bdat.length);
            System.arraycopy(canonical, 0, chunk, bdat.length, canonical.length);
            commands.add(chunk);
            expected.add(Expect.BDAT);
        } else {
            commands.add(line("DATA"));
            expected.add(Expect.DATA);
        }
        if (extensions.containsKey("PIPELINING")) {
            // RFC 2920 §3.1: MAIL, RCPT and the DATA/BDAT that ends the group go out together.
            transport().writeSequence(commands);
        } else {
            unsent.addAll(commands);
            transport().write(unsent.poll());
        }
    }

    private long sizeLimit() {
        String size = extensions.get("SIZE");
        if (size == null || !size.matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(size);
    }

    private void envelope(SmtpReply reply) {
        Expect expect = expected.poll();
        switch (expect) {
            case MAIL -> {
                if (reply.code() != 250) {
                    fail(new SmtpClientException("sender refused", reply), false);
                    return;
                }
            }
            case RCPT -> {
                String recipient = recipients.get(rcptIndex++);
                if (reply.code() / 100 == 2) {
                    accepted.add(recipient);
                } else {
                    refused.put(recipient, reply);
                }
                if (rcptIndex == recipients.size() && accepted.isEmpty()) {
                    fail(new SmtpClientException("every recipient refused", refused.values().iterator().next()), false);
                    return;
                }
            }
            case DATA -> {
                if (reply.code() != 354) {
                    fail(new SmtpClientException("DATA refused", reply), false);
                    return;
                }
                state = SmtpClientState.CONTENT;
                transport().write(DotStuffedEncoder.encode(message));
                return;
            }
            case BDAT -> {
                content(reply);
                return;
            }
            default -> throw new IllegalStateException("unexpected " + expect);
        }
        if (!unsent.isEmpty()) {
            transport().write(unsent.poll());
        }
    }

    private void content(SmtpReply reply) {
        if (reply.code() != 250) {
            fail(new SmtpClientException("message refused", reply), false);
            return;
        }
        state = SmtpClientState.DONE;
        idle.cancel();
        result.callback(new SendResult(accepted, refused, reply));
        quit();
    }

    private void fail(SmtpClientException error, boolean abort) {
        log.info("smtp client: {}", error.getMessage());
        state = SmtpClientState.DONE;
        idle.cancel();
        if (!result.isCalled()) {
            result.errback(error);
        }
        if (abort) {
            transport().abortConnection();
        } else {
            quit();
        }
    }

    private void quit() {
        transport().write(line("QUIT"));
        transport().loseConnection();
    }

    private void timedOut() {
        if (state != SmtpClientState.DONE) {
            fail(new SmtpClientException("no reply within " + config.replyTimeout() + " in state " + state, null), true);
        }
    }

    private void send(String command) {
        transport().write(line(command));
    }

    private static byte[] line(String command) {
        return (command + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the message has octets above 127 (then BODY=8BITMIME is announced, RFC 6152). */
    private static boolean isEightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
