package dev.torsion.smtp.server;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.protocols.DotStuffedDecoder;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.smtp.SmtpLimits;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.SmtpReply;
import dev.torsion.smtp.codec.CommandLineReader;
import dev.torsion.smtp.codec.CommandParser;
import dev.torsion.smtp.codec.InputBuffer;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.codec.PathArgument;
import dev.torsion.smtp.codec.PathParser;
import dev.torsion.smtp.codec.SmtpCommand;
import dev.torsion.smtp.codec.SmtpSyntaxException;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESMTP server session (RFC 5321) on any transport: PIPELINING (RFC 2920), SIZE (RFC 1870),
 * 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), ENHANCEDSTATUSCODES (RFC 2034), CHUNKING (RFC 3030),
 * STARTTLS (RFC 3207) and AUTH PLAIN/LOGIN (RFC 4954). Mail goes to a {@link MessageDelivery}.
 *
 * <p>The session reads one command at a time: while a Deferred of the delivery or the portal is
 * pending, pipelined commands wait in the buffer, so replies keep their order (RFC 2920 §3.1).
 */
public final class SmtpServer extends Protocol implements PushProducer {
    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);
    /** Buffered input beyond which the transport is paused while the session waits. */
    private static final int PAUSE_THRESHOLD = 64 * 1024;
    private static final AtomicLong MESSAGE_COUNTER = new AtomicLong();
    private static final AtomicLong SESSION_COUNTER = new AtomicLong();
    /** Distinguishes this process's message ids from another run's. */
    private static final String PROCESS_TAG = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    private final SmtpServerConfig config;
    private final SmtpLimits limits;
    private final MessageDelivery delivery;
    private final IdleTimeout idle;
    private final InputBuffer input = new InputBuffer();
    private final CommandLineReader lines = new CommandLineReader();
    private final String sessionId = Long.toString(SESSION_COUNTER.incrementAndGet(), 36);

    private final Clock clock;
    private SmtpState state = SmtpState.GREETING;
    private int errors;
    private int pending;
    private boolean receiverPaused;
    private boolean transportPaused;
    private boolean processing;
    private boolean tls;
    private String helo;
    private boolean esmtp;
    private String user;
    private Transaction transaction;
    private SaslExchange sasl;
    /** Octets still to drop: the chunk of a refused BDAT (RFC 3030 §2 sends it regardless). */
    private long skipping;

    /** A session for {@code delivery}, timing out on {@code clock}. */
    public SmtpServer(SmtpServerConfig config, MessageDelivery delivery, Clock clock) {
        this.config = config;
        this.limits = config.limits();
        this.delivery = delivery;
        this.clock = clock;
        this.idle = new IdleTimeout(clock, this::timedOut);
        this.tls = config.implicitTls();
    }

    /** The session's state. */
    public SmtpState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idle.setTimeout(limits.commandTimeout());
        if (config.greetingDelay().isZero()) {
            greet();
        } else {
            clock.callLater(config.greetingDelay(), this::greet);
        }
    }

    private void greet() {
        if (state != SmtpState.GREETING) {
            return;
        }
        state = state.greeted();
        // RFC 5321 §4.2: the greeting carries no enhanced code (RFC 2034 §3).
        send(SmtpReply.plain(220, config.hostname() + " ESMTP Torsion"));
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == SmtpState.CLOSED) {
            return;
        }
        if (state == SmtpState.GREETING) {
            // RFC 5321 §3.1 and §4.3.1: the client waits for the greeting. One that talks first is a
            // spam engine not reading replies: cut off, as Postfix's postscreen pregreet test does.
            log.info("smtp {}: {} talked before the greeting, closing", sessionId, transport().getPeer());
            state = state.close();
            send(SmtpReply.of(554, "5.5.1", "Error: SMTP protocol synchronization (data before the greeting)"));
            transport().loseConnection();
            return;
        }
        idle.resetTimeout();
        input.append(data);
        if (isBlocked() && input.size() > PAUSE_THRESHOLD) {
            pauseTransport();
        }
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        state = state.close();
        abortTransaction();
        input.clear();
    }

    // ---------------------------------------------------------------- input loop

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!input.isEmpty() && !isBlocked() && state != SmtpState.CLOSED) {
                if (!step()) {
                    break;
                }
            }
        } finally {
            processing = false;
        }
        if (!isBlocked() && transportPaused) {
            transportPaused = false;
            transport().resumeProducing();
        }
    }

    /** Consumes one unit of input; false when more bytes are needed. */
    private boolean step() {
        if (skipping > 0) {
            dropSkipped();
            return true;
        }
        return switch (state) {
            case DATA -> readData();
            case BDAT -> readChunk();
            case AUTH -> readLine(limits.authLineLength());
            default -> readLine(limits.commandLineLength());
        };
    }

    private boolean isBlocked() {
        return pending > 0 || receiverPaused;
    }

    private void pauseTransport() {
        if (!transportPaused) {
            transportPaused = true;
            transport().pauseProducing();
        }
    }

    private boolean readLine(int limit) {
        switch (lines.next(input, limit)) {
            case NEED_MORE -> {
                return false;
            }
            case TOO_LONG -> lineTooLong();
            case BARE_LF -> fail(SmtpReply.of(500, "5.5.2", "Syntax error, bare LF in command line (RFC 5321 section 2.3.8)"));
            default -> {
                if (state == SmtpState.AUTH) {
                    saslResponse(lines.line());
                } else {
                    command(lines.line());
                }
            }
        }
        return true;
    }

    private void lineTooLong() {
        if (state == SmtpState.AUTH) {
            sasl = null;
            state = state.authDone();
            fail(SmtpReply.of(500, "5.5.6", "Authentication exchange line too long"));
            return;
        }
        fail(SmtpReply.of(500, "5.5.2", "Line too long"));
    }

    // ---------------------------------------------------------------- commands

    private void command(byte[] line) {
        SmtpCommand command;
        try {
            command = CommandParser.parse(line);
        } catch (SmtpSyntaxException e) {
            fail(e.reply());
            return;
        }
        switch (command.verb()) {
            case HELO -> helo(command, false);
            case EHLO -> helo(command, true);
            case MAIL -> mail(command);
            case RCPT -> rcpt(command);
            case DATA -> data(command);
            case BDAT -> bdat(command);
            case RSET -> rset(command);
            case NOOP -> send(SmtpReply.of(250, "2.0.0", "Ok"));
            case QUIT -> quit();
            // RFC 5321 §3.5.3: a server that does not verify answers 252; EXPN may be refused (§3.5.2).
            case VRFY -> send(SmtpReply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"));
            case EXPN -> fail(SmtpReply.of(502, "5.5.1", "EXPN not available"));
            case HELP -> send(SmtpReply.of(214, "2.0.0", "See RFC 5321"));
            case STARTTLS -> startTls(command);
            case AUTH -> auth(command);
            default -> {
                log.info("smtp {}: unrecognized command {}", sessionId, ReceivedHeader.clean(command.word()));
                fail(SmtpReply.of(500, "5.5.2", "Error: command not recognized"));
            }
        }
    }

    private void helo(SmtpCommand command, boolean extended) {
        if (command.argument().isEmpty()) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname"));
            return;
        }
        // RFC 5321 §4.1.4: EHLO/HELO in the middle of a transaction resets it.
        abortTransaction();
        helo = command.argument();
        esmtp = extended;
        state = state.helo();
        if (!extended) {
            send(SmtpReply.plain(250, config.hostname()));
            return;
        }
        List<String> reply = new ArrayList<>();
        reply.add(config.hostname());
        reply.add("PIPELINING");
        reply.add("SIZE " + limits.messageSize());
        reply.add("8BITMIME");
        reply.add("SMTPUTF8");
        reply.add("ENHANCEDSTATUSCODES");
        reply.add("CHUNKING");
        if (startTlsOffered()) {
            reply.add("STARTTLS");
        }
        if (authOffered()) {
            reply.add("AUTH " + SaslExchange.MECHANISMS);
        }
        // RFC 2034 §3: the EHLO reply carries no enhanced codes.
        send(new SmtpReply(250, null, reply));
    }

    private boolean startTlsOffered() {
        return config.tls() != null && !tls && transport() instanceof TlsCapableTransport;
    }

    private boolean authOffered() {
        return config.portal() != null && (tls || config.authWithoutTls());
    }

    private void mail(SmtpCommand command) {
        switch (state) {
            case CONNECTED -> {
                fail(SmtpReply.of(503, "5.5.1", "Error: send HELO/EHLO first"));
                return;
            }
            case MAIL, RCPT, CHUNKING -> {
                fail(SmtpReply.of(503, "5.5.1", "Error: nested MAIL command"));
                return;
            }
            default -> {
            }
        }
        PathArgument path;
        boolean eightBit;
        boolean utf8;
        try {
            path = PathParser.parseMail(command.argument());
            Map<String, String> params = path.parameters();
            checkMailParameters(params);
            eightBit = "8BITMIME".equalsIgnoreCase(params.get("BODY"));
            utf8 = params.containsKey("SMTPUTF8");
            checkAscii(path.mailbox(), utf8);
        } catch (SmtpSyntaxException e) {
            fail(e.reply());
            return;
        }
        Transaction started = new Transaction(path.mailbox(), eightBit, utf8);
        await(delivery.validateFrom(session(), path.mailbox()), () -> {
            transaction = started;
            state = state.mail();
            send(SmtpReply.of(250, "2.1.0", "Ok"));
        });
    }

    /** RFC 1870 SIZE, RFC 6152 BODY, RFC 6531 SMTPUTF8, RFC 4954 §5 AUTH; anything else is 555. */
    private void checkMailParameters(Map<String, String> params) throws SmtpSyntaxException {
        if (!params.isEmpty() && !esmtp) {
            throw new SmtpSyntaxException(555, "5.5.4", "Parameters need EHLO");
        }
        for (Map.Entry<String, String> param : params.entrySet()) {
            String value = param.getValue();
            switch (param.getKey()) {
                case "SIZE" -> {
                    if (!value.matches("[0-9]{1,20}")) {
                        throw new SmtpSyntaxException(501, "5.5.4", "Bad SIZE parameter");
                    }
                    if (value.length() > 18 || Long.parseLong(value) > limits.messageSize()) {
                        throw new SmtpSyntaxException(552, "5.3.4", "Message size exceeds fixed limit");
                    }
                }
                case "BODY" -> {
                    if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
                        throw new SmtpSyntaxException(501, "5.5.4", "Unsupported BODY type");
                    }
                }
                case "SMTPUTF8" -> {
                    if (!value.isEmpty()) {
                        throw new SmtpSyntaxException(501, "5.5.4", "SMTPUTF8 takes no value");
                    }
                }
                case "AUTH" -> {
                    // RFC 4954 §5: accepted; the original submitter is not passed on.
                }
                default -> throw new SmtpSyntaxException(555, "5.5.4", "Unsupported parameter " + param.getKey());
            }
        }
    }

    /** RFC 6531 §3.5: a non-ASCII address without SMTPUTF8 earns 553 5.6.7. */
    private static void checkAscii(Mailbox mailbox, boolean utf8) throws SmtpSyntaxException {
        if (mailbox == null || utf8) {
            return;
        }
        String text = mailbox.toString();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new SmtpSyntaxException(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
            }
        }
    }

    private void rcpt(SmtpCommand command) {
        if (state != SmtpState.MAIL && state != SmtpState.RCPT) {
            fail(state == SmtpState.CHUNKING
                    ? SmtpReply.of(503, "5.5.1", "Error: RCPT after BDAT")
                    : SmtpReply.of(503, "5.5.1", "Error: need MAIL command"));
            return;
        }
        PathArgument path;
        try {
            path = PathParser.parseRcpt(command.argument());
            if (!path.parameters().isEmpty()) {
                throw new SmtpSyntaxException(555, "5.5.4", "Unsupported parameter " + path.parameters().keySet().iterator().next());
            }
            checkAscii(path.mailbox(), transaction.smtpUtf8);
        } catch (SmtpSyntaxException e) {
            fail(e.reply());
            return;
        }
        if (transaction.recipients.size() >= limits.recipients()) {
            // RFC 5321 §4.5.3.1.10: 452 for too many recipients; the client sends the rest later.
            fail(SmtpReply.of(452, "4.5.3", "Error: too many recipients"));
            return;
        }
        Transaction current = transaction;
        await(delivery.validateTo(session(), current.from, path.mailbox()), () -> {
            current.recipients.add(path.mailbox());
            state = state.rcpt();
            send(SmtpReply.of(250, "2.1.5", "Ok"));
        });
    }

    private void data(SmtpCommand command) {
        if (!command.argument().isEmpty()) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: DATA"));
            return;
        }
        if (state != SmtpState.RCPT) {
            fail(switch (state) {
                case MAIL -> SmtpReply.of(503, "5.5.1", "Error: need RCPT command");
                case CHUNKING -> SmtpReply.of(503, "5.5.1", "Error: DATA after BDAT");
                default -> SmtpReply.of(503, "5.5.1", "Error: need MAIL command");
            });
            return;
        }
        if (!input.isEmpty()) {
            // RFC 2920 §3.1: DATA ends a group; text sent before the 354 is improper pipelining,
            // which Postfix's reject_unauth_pipelining refuses: the text would be read as commands.
            abortTransaction();
            state = state.reset();
            fail(SmtpReply.of(554, "5.5.0", "Error: improper use of SMTP command pipelining"));
            return;
        }
        if (!openReceiver()) {
            return;
        }
        // §4.5.3.1.6: the text line limit counts the CR LF, the decoder's does not.
        transaction.decoder = new DotStuffedDecoder(limits.textLineLength() - 2, limits.messageSize());
        state = state.data();
        idle.setTimeout(limits.dataTimeout());
        send(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"));
    }

    /** Asks the delivery for a receiver and gives it the Received line; false when refused. */
    private boolean openReceiver() {
        transaction.id = nextMessageId();
        Envelope envelope = new Envelope(transaction.id, session(), transaction.from, transaction.recipients,
                transaction.eightBitMime, transaction.smtpUtf8);
        try {
            transaction.receiver = delivery.startMessage(envelope);
        } catch (SmtpRejection e) {
            fail(e.reply());
            return false;
        } catch (RuntimeException e) {
            log.error("smtp {}: delivery failed to start a message", sessionId, e);
            fail(SmtpReply.of(451, "4.3.0", "Error: local error in processing"));
            return false;
        }
        transaction.receiver.attach(this);
        if (config.receivedHeader()) {
            transaction.receiver.write(ReceivedHeader.format(config.hostname(), envelope,
                    ZonedDateTime.now(config.wallClock())));
        }
        return true;
    }

    private String nextMessageId() {
        return PROCESS_TAG + Long.toString(MESSAGE_COUNTER.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }

    private boolean readData() {
        DotStuffedDecoder decoder = transaction.decoder;
        DotStuffedDecoder.State after = input.feed(decoder);
        byte[] content = decoder.takeContent();
        if (content.length > 0) {
            transaction.receiver.write(content);
        }
        if (after == DotStuffedDecoder.State.FAILED) {
            // RFC 5321 §2.3.8 and the SMTP smuggling advisories: refuse, never normalise. Where the
            // client thinks this message ended is unknown, so the connection ends with it, as
            // Postfix's smtpd_forbid_bare_newline does.
            log.warn("smtp {}: {} in message data from {}: message refused, closing", sessionId, decoder.failure(), transport().getPeer());
            abortTransaction();
            state = state.close();
            send(SmtpReply.of(521, "5.5.2", "Error: bare CR or LF in message data (RFC 5321 section 2.3.8)"));
            transport().loseConnection();
            return false;
        }
        if (after == DotStuffedDecoder.State.DONE) {
            finishMessage(decoder.isOversized(), decoder.hadLineTooLong());
        }
        return true;
    }

    private void bdat(SmtpCommand command) {
        String[] words = command.argument().split(" +");
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (command.argument().isEmpty() || words.length > 2 || (words.length == 2 && !last) || !words[0].matches("[0-9]{1,18}")) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: BDAT size [LAST]"));
            return;
        }
        long size = Long.parseLong(words[0]);
        if (state != SmtpState.RCPT && state != SmtpState.CHUNKING) {
            // RFC 3030 §2: the chunk's octets follow regardless; they are skipped so the session stays in step.
            skipChunk(size);
            fail(state == SmtpState.MAIL
                    ? SmtpReply.of(503, "5.5.1", "Error: need RCPT command")
                    : SmtpReply.of(503, "5.5.1", "Error: need MAIL command"));
            return;
        }
        if (transaction.receiver == null && !openReceiver()) {
            skipChunk(size);
            abortTransaction();
            state = state.reset();
            return;
        }
        transaction.chunkRemaining = size;
        transaction.lastChunk = last;
        state = state.bdat();
        idle.setTimeout(limits.dataTimeout());
        if (size == 0) {
            chunkComplete();
        }
    }

    /** Drops the next {@code size} octets, the chunk of a refused BDAT. */
    private void skipChunk(long size) {
        skipping = size;
        dropSkipped();
    }

    private void dropSkipped() {
        int drop = (int) Math.min(skipping, input.size());
        input.skip(drop);
        skipping -= drop;
    }

    private boolean readChunk() {
        Transaction current = transaction;
        int take = (int) Math.min(current.chunkRemaining, input.size());
        byte[] chunk = input.take(take);
        current.chunkRemaining -= take;
        current.chunkedSize += take;
        if (current.chunkedSize <= limits.messageSize()) {
            current.receiver.write(chunk);
        }
        if (current.chunkRemaining == 0) {
            chunkComplete();
        }
        return true;
    }

    private void chunkComplete() {
        Transaction current = transaction;
        boolean oversized = current.chunkedSize > limits.messageSize();
        if (current.lastChunk) {
            finishMessage(oversized, false);
            return;
        }
        if (oversized) {
            abortTransaction();
            state = state.messageDone();
            idle.setTimeout(limits.commandTimeout());
            fail(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit"));
            return;
        }
        state = state.chunkDone();
        idle.setTimeout(limits.commandTimeout());
        send(SmtpReply.of(250, "2.0.0", current.chunkedSize + " octets received"));
    }

    /** The data ended: refuse it for our own limits, else let the receiver's Deferred decide. */
    private void finishMessage(boolean oversized, boolean lineTooLong) {
        Transaction finished = transaction;
        transaction = null;
        state = state.messageDone();
        idle.setTimeout(limits.commandTimeout());
        if (oversized) {
            finished.abort();
            fail(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit"));
            return;
        }
        if (lineTooLong) {
            // RFC 5321 §4.5.3.1.6 and §4.5.3.1.10: "500 Line too long".
            finished.abort();
            fail(SmtpReply.of(500, "5.5.6", "Line too long"));
            return;
        }
        MessageReceiver receiver = finished.receiver;
        finished.receiver = null;
        Deferred<Void> end;
        try {
            end = receiver.end();
        } catch (RuntimeException e) {
            log.error("smtp {}: receiver failed to end a message", sessionId, e);
            fail(SmtpReply.of(451, "4.3.0", "Error: local error in processing"));
            return;
        }
        await(end, () -> send(SmtpReply.of(250, "2.0.0", "Ok: queued as " + finished.id)));
    }

    private void rset(SmtpCommand command) {
        if (!command.argument().isEmpty()) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: RSET"));
            return;
        }
        abortTransaction();
        state = state.reset();
        send(SmtpReply.of(250, "2.0.0", "Ok"));
    }

    private void quit() {
        abortTransaction();
        state = state.close();
        send(SmtpReply.of(221, "2.0.0", "Bye"));
        transport().loseConnection();
    }

    // ---------------------------------------------------------------- STARTTLS

    private void startTls(SmtpCommand command) {
        if (tls) {
            fail(SmtpReply.of(503, "5.5.1", "Error: TLS already active"));
            return;
        }
        if (!startTlsOffered()) {
            fail(SmtpReply.of(502, "5.5.1", "Error: STARTTLS not available"));
            return;
        }
        if (!command.argument().isEmpty()) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: STARTTLS"));
            return;
        }
        if (state != SmtpState.READY) {
            fail(state == SmtpState.CONNECTED
                    ? SmtpReply.of(503, "5.5.1", "Error: send EHLO first")
                    : SmtpReply.of(503, "5.5.1", "Error: MAIL transaction in progress"));
            return;
        }
        send(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
        if (!input.isEmpty()) {
            // RFC 3207 §6 (CVE-2011-0411 and kin): nothing sent in the clear after STARTTLS may be
            // taken as a command of the protected session.
            log.warn("smtp {}: discarding {} plaintext bytes pipelined after STARTTLS from {}", sessionId, input.size(), transport().getPeer());
            input.clear();
        }
        lines.reset();
        // RFC 3207 §4.2: the server forgets everything it learned from the client before TLS.
        helo = null;
        esmtp = false;
        user = null;
        errors = 0;
        tls = true;
        state = state.startTls();
        ((TlsCapableTransport) transport()).startTLS(config.tls());
    }

    // ---------------------------------------------------------------- AUTH

    private void auth(SmtpCommand command) {
        if (config.portal() == null) {
            fail(SmtpReply.of(502, "5.5.1", "Error: authentication not enabled"));
            return;
        }
        if (!authOffered()) {
            // RFC 4954 §6: 538 when the mechanism needs an encrypted connection.
            fail(SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
            return;
        }
        if (user != null) {
            fail(SmtpReply.of(503, "5.5.1", "Error: already authenticated"));
            return;
        }
        if (state != SmtpState.READY) {
            fail(state == SmtpState.CONNECTED
                    ? SmtpReply.of(503, "5.5.1", "Error: send EHLO first")
                    : SmtpReply.of(503, "5.5.1", "Error: MAIL transaction in progress"));
            return;
        }
        String[] words = command.argument().split(" ", -1);
        if (command.argument().isEmpty() || words.length > 2) {
            fail(SmtpReply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]"));
            return;
        }
        SaslExchange exchange = SaslExchange.start(words[0]);
        if (exchange == null) {
            fail(SmtpReply.of(504, "5.5.4", "Unrecognized authentication type"));
            return;
        }
        sasl = exchange;
        state = state.auth();
        try {
            saslStep(exchange.begin(words.length == 2 ? words[1] : null));
        } catch (SmtpSyntaxException e) {
            endSasl(e.reply());
        }
    }

    private void saslResponse(byte[] line) {
        if (line.length == 1 && line[0] == '*') {
            // RFC 4954 §4: the client cancels with "*".
            endSasl(SmtpReply.of(501, "5.7.0", "Authentication cancelled"));
            return;
        }
        try {
            saslStep(sasl.respond(new String(line, StandardCharsets.US_ASCII)));
        } catch (SmtpSyntaxException e) {
            endSasl(e.reply());
        }
    }

    private void saslStep(SaslExchange.Step step) {
        if (step.credentials() == null) {
            send(SmtpReply.plain(334, step.challenge()));
            return;
        }
        UsernamePassword credentials = step.credentials();
        sasl = null;
        state = state.authDone();
        pending++;
        Deferred<LoginResult> login = config.portal().login(credentials, null, transport().getPeer(), config.avatarInterface());
        login.addBoth((result, failure) -> {
            pending--;
            credentials.destroy();
            if (state == SmtpState.CLOSED) {
                return null;
            }
            if (failure == null) {
                user = credentials.username();
                log.info("smtp {}: {} authenticated from {}", sessionId, ReceivedHeader.clean(user), transport().getPeer());
                send(SmtpReply.of(235, "2.7.0", "Authentication successful"));
            } else if (failure.check(UnauthorizedLogin.class) != null) {
                log.info("smtp {}: failed login from {}", sessionId, transport().getPeer());
                fail(SmtpReply.of(535, "5.7.8", "Authentication credentials invalid"));
            } else {
                log.warn("smtp {}: login error: {}", sessionId, failure.getErrorMessage());
                fail(SmtpReply.of(454, "4.7.0", "Temporary authentication failure"));
            }
            process();
            return null;
        });
    }

    private void endSasl(SmtpReply reply) {
        sasl = null;
        state = state.authDone();
        fail(reply);
    }

    // ---------------------------------------------------------------- replies, errors, waiting

    /**
     * Waits for {@code decision}: success runs {@code accepted}; a rejection sends its reply; any
     * other failure earns 451. No command is read meanwhile.
     */
    private void await(Deferred<Void> decision, Runnable accepted) {
        pending++;
        decision.addBoth((ignored, failure) -> {
            pending--;
            if (state == SmtpState.CLOSED) {
                return null;
            }
            if (failure == null) {
                accepted.run();
            } else if (failure.value() instanceof SmtpRejection rejection) {
                fail(rejection.reply());
            } else {
                log.error("smtp {}: delivery failed: {}", sessionId, failure.getErrorMessage());
                fail(SmtpReply.of(451, "4.3.0", "Error: local error in processing"));
            }
            process();
            return null;
        });
    }

    private void send(SmtpReply reply) {
        transport().write(reply.encode());
    }

    /** Sends an error reply and counts it; too many end the session with 421. */
    private void fail(SmtpReply reply) {
        send(reply);
        errors++;
        if (errors >= limits.errorsBeforeDisconnect() && state != SmtpState.CLOSED) {
            log.info("smtp {}: too many errors from {}, closing", sessionId, transport().getPeer());
            closeWith(SmtpReply.of(421, "4.7.0", config.hostname() + " Error: too many errors"));
        }
    }

    private void timedOut() {
        if (state != SmtpState.CLOSED) {
            log.info("smtp {}: timeout in state {} from {}", sessionId, state, transport().getPeer());
            // RFC 5321 §4.5.3.2: a server that times out closes the connection, with 421 first.
            closeWith(SmtpReply.of(421, "4.4.2", config.hostname() + " Error: timeout exceeded"));
        }
    }

    private void closeWith(SmtpReply reply) {
        abortTransaction();
        state = state.close();
        input.clear();
        send(reply);
        transport().loseConnection();
    }

    private void abortTransaction() {
        if (transaction != null) {
            Transaction dropped = transaction;
            transaction = null;
            dropped.abort();
        }
    }

    private SessionInfo session() {
        return new SessionInfo(helo, esmtp, transport().getPeer(), tls, user);
    }

    // ---------------------------------------------------------------- backpressure from the receiver

    /** The receiver is behind: stop reading message data. */
    @Override
    public void pauseProducing() {
        receiverPaused = true;
        if (input.size() > PAUSE_THRESHOLD) {
            pauseTransport();
        }
    }

    /** The receiver caught up: read on. */
    @Override
    public void resumeProducing() {
        receiverPaused = false;
        process();
    }

    /** The receiver gives up: the connection is aborted. */
    @Override
    public void stopProducing() {
        abortTransaction();
        state = state.close();
        transport().abortConnection();
    }
}
