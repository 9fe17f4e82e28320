package dev.torsion.pop3.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A POP3 client (RFC 1939) where every command answers with a Deferred, as Twisted's
 * {@code POP3Client}: commands may be called at once; they go out one at a time, each after the
 * previous answer, so a server without PIPELINING is never confused. Multi-line answers are
 * un-stuffed and bounded ({@link #MAX_RESPONSE} octets). STLS switches to TLS before the next
 * command (RFC 2595).
 */
public final class Pop3Client extends LineReceiver {
    /** The largest multi-line answer kept (a message), in octets. */
    public static final int MAX_RESPONSE = 64 * 1024 * 1024;

    /** One command waiting for its answer. */
    private record Pending(byte[] line, boolean multiLine, Function<Response, ?> parse, Deferred<Object> answer, TlsOptions tls,
            Consumer sink) {
    }

    /** A whole answer: the status line's text and, for multi-line answers, the body. */
    private record Response(String text, byte[] body) {
    }

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Deferred<String> greeting = new Deferred<>();
    private ClientState state = ClientState.GREETING;
    /** The command out (in STATUS and BODY). */
    private Pending current;
    private ByteArrayOutputStream body;
    /** Octets of the multi-line answer streamed so far to the current command's consumer. */
    private long streamed;
    private String statusText;
    private String timestamp;

    /** A client; connect it with an endpoint, then call commands. */
    public Pop3Client() {
        setMaxLength(16 * 1024);
    }

    /** The greeting's text, once it arrived (fails on {@code -ERR}). */
    public Deferred<String> greeting() {
        return greeting;
    }

    @Override
    protected void lineReceived(byte[] line) {
        switch (state) {
            case GREETING -> greetingReceived(line);
            case STATUS -> statusReceived(line);
            case BODY -> bodyLine(line);
            case READY -> {
                failAll(new Pop3ClientException("unexpected line from the server"));
                transport().abortConnection();
            }
            case CLOSED -> {
                // given up on: what the server still sends is not read
            }
        }
    }

    private void greetingReceived(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (!text.startsWith("+OK")) {
            state = state.close();
            greeting.errback(new Pop3ClientException(text));
            transport().loseConnection();
            return;
        }
        int open = text.indexOf('<');
        int close = text.indexOf('>', open);
        timestamp = open >= 0 && close > open ? text.substring(open, close + 1) : null;
        state = state.greeted();
        greeting.callback(text.length() > 4 ? text.substring(4) : "");
        sendNext();
    }

    private void statusReceived(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.startsWith("+OK")) {
            statusText = text.length() > 4 ? text.substring(4) : "";
            if (current.multiLine()) {
                state = state.bodyStarted();
                body = new ByteArrayOutputStream();
                if (current.sink() != null) {
                    // The answer goes to the consumer as it comes; a slow consumer pauses reading.
                    streamed = 0;
                    current.sink().registerProducer(transport(), true);
                }
                return;
            }
            complete(new Response(statusText, null));
        } else if (text.startsWith("-ERR")) {
            Pending failed = current;
            current = null;
            state = state.answered();
            failed.answer().errback(new Pop3ClientException(text.length() > 5 ? text.substring(5) : "-ERR"));
            sendNext();
        } else {
            failAll(new Pop3ClientException("not a POP3 answer: " + text.replaceAll("[^\\x20-\\x7e]", "?")));
            transport().abortConnection();
        }
    }

    private void bodyLine(byte[] line) {
        if (line.length == 1 && line[0] == '.') {
            byte[] bytes = body.toByteArray();
            body = null;
            if (current.sink() != null) {
                current.sink().unregisterProducer();
            }
            complete(new Response(statusText, bytes));
            return;
        }
        // RFC 1939 §3: a line starting with a dot had one added.
        int start = line.length > 0 && line[0] == '.' ? 1 : 0;
        if (current.sink() != null) {
            byte[] unstuffed = new byte[line.length - start + 2];
            System.arraycopy(line, start, unstuffed, 0, line.length - start);
            unstuffed[unstuffed.length - 2] = '\r';
            unstuffed[unstuffed.length - 1] = '\n';
            streamed += unstuffed.length;
            current.sink().write(unstuffed);
            return;
        }
        if (body.size() + line.length + 2 > MAX_RESPONSE) {
            body = null;
            failAll(new Pop3ClientException("answer longer than " + MAX_RESPONSE + " octets"));
            transport().abortConnection();
            return;
        }
        body.write(line, start, line.length - start);
        body.write('\r');
        body.write('\n');
    }

    private void complete(Response response) {
        Pending done = current;
        current = null;
        state = state.answered();
        Object value;
        try {
            value = done.parse().apply(response);
        } catch (RuntimeException e) {
            done.answer().errback(new Pop3ClientException("bad answer: " + e.getMessage()));
            sendNext();
            return;
        }
        if (done.tls() != null) {
            // RFC 2595 §4: TLS starts right after the +OK, before anything else is sent.
            ((TlsCapableTransport) transport()).startTLS(done.tls());
        }
        done.answer().callback(value);
        sendNext();
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        failAll(new Pop3ClientException("line too long from the server"));
        transport().abortConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        Pop3ClientException lost = new Pop3ClientException("connection lost");
        if (state == ClientState.GREETING) {
            greeting.errback(lost);
        }
        failAll(lost);
    }

    private void failAll(Pop3ClientException error) {
        if (state == ClientState.BODY && current.sink() != null) {
            current.sink().unregisterProducer();
        }
        state = state.close();
        body = null;
        if (current != null) {
            Pending failed = current;
            current = null;
            failed.answer().errback(error);
        }
        while (!queue.isEmpty()) {
            queue.poll().answer().errback(error);
        }
    }

    private <T> Deferred<T> command(String line, boolean multiLine, Function<Response, T> parse, TlsOptions tls) {
        return command(line, multiLine, parse, tls, null);
    }

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> command(String line, boolean multiLine, Function<Response, T> parse, TlsOptions tls,
            Consumer sink) {
        if (state == ClientState.CLOSED) {
            return Deferred.fail(new Pop3ClientException("the connection is closed"));
        }
        Deferred<Object> answer = new Deferred<>();
        queue.add(new Pending((line + "\r\n").getBytes(StandardCharsets.UTF_8), multiLine, (Function<Response, ?>) parse, answer, tls,
                sink));
        if (state == ClientState.READY) {
            sendNext();
        }
        return (Deferred<T>) (Deferred<?>) answer;
    }

    private void sendNext() {
        if (state != ClientState.READY || queue.isEmpty() || transport() == null) {
            return;
        }
        current = queue.poll();
        state = state.sent();
        transport().write(current.line());
    }

    // ---------------------------------------------------------------- commands

    /** CAPA (RFC 2449): the capability lines. */
    public Deferred<List<String>> capabilities() {
        return command("CAPA", true, r -> lines(r.body()), null);
    }

    /** STLS (RFC 2595): TLS with {@code options} starts once the server said +OK. */
    public Deferred<String> startTls(TlsOptions options) {
        return command("STLS", false, Response::text, options);
    }

    /** USER then PASS. */
    public Deferred<String> login(String user, String password) {
        command("USER " + user, false, Response::text, null);
        return command("PASS " + password, false, Response::text, null);
    }

    /** APOP with the greeting's timestamp (RFC 1939 §7); fails when the greeting had none. */
    public Deferred<String> apop(String user, String secret) {
        if (timestamp == null) {
            return Deferred.fail(new Pop3ClientException("the server offers no APOP timestamp"));
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String digest = HexFormat.of().formatHex(md5.digest((timestamp + secret).getBytes(StandardCharsets.UTF_8)));
            return command("APOP " + user + " " + digest, false, Response::text, null);
        } catch (NoSuchAlgorithmException e) {
            return Deferred.fail(e);
        }
    }

    /** AUTH PLAIN with an initial response (RFC 5034). */
    public Deferred<String> authPlain(String user, String password) {
        String response = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + response, false, Response::text, null);
    }

    /** STAT. */
    public Deferred<Pop3Stat> stat() {
        return command("STAT", false, r -> {
            String[] parts = r.text().split(" ");
            return new Pop3Stat(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }, null);
    }

    /** LIST: the size of each message by number (index 0 is message 1); deleted messages are 0. */
    public Deferred<List<Long>> list() {
        return command("LIST", true, r -> numbered(r.body(), Long::parseLong, 0L), null);
    }

    /** UIDL: the unique id of each message by number (index 0 is message 1); deleted ones are null. */
    public Deferred<List<String>> uidl() {
        return command("UIDL", true, r -> numbered(r.body(), s -> s, null), null);
    }

    /** RETR: the whole message, un-stuffed, CR LF line ends. */
    public Deferred<byte[]> retrieve(int message) {
        return command("RETR " + message, true, Response::body, null);
    }

    /**
     * RETR streamed: the message goes to {@code consumer} un-stuffed, line by line with CR LF, as it
     * arrives, with no size limit; the client registers its transport as the consumer's producer
     * for the length of the answer, so a consumer that pauses it stops the reading. The Deferred
     * gives the octets written.
     */
    public Deferred<Long> retrieve(int message, Consumer consumer) {
        return command("RETR " + message, true, r -> streamed, null, consumer);
    }

    /** TOP: the header and the first {@code lines} lines of the body. */
    public Deferred<byte[]> top(int message, int lines) {
        return command("TOP " + message + " " + lines, true, Response::body, null);
    }

    /** DELE. */
    public Deferred<String> delete(int message) {
        return command("DELE " + message, false, Response::text, null);
    }

    /** RSET. */
    public Deferred<String> reset() {
        return command("RSET", false, Response::text, null);
    }

    /** NOOP. */
    public Deferred<String> noop() {
        return command("NOOP", false, Response::text, null);
    }

    /** QUIT: the server removes deleted messages (UPDATE) and closes. */
    public Deferred<String> quit() {
        Deferred<String> answer = command("QUIT", false, Response::text, null);
        return answer.addCallback(text -> {
            transport().loseConnection();
            return text;
        });
    }

    private static List<String> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\r\n"));
    }

    private static <T> List<T> numbered(byte[] body, Function<String, T> value, T missing) {
        List<T> out = new ArrayList<>();
        for (String line : lines(body)) {
            String[] parts = line.split(" ", 2);
            int n = Integer.parseInt(parts[0]);
            while (out.size() < n - 1) {
                out.add(missing);
            }
            out.add(value.apply(parts[1]));
        }
        return out;
    }
}
