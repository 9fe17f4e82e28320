package dev.torsion.nntp.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.nntp.NntpLimits;
import dev.torsion.protocols.DotStuffedDecoder;
import dev.torsion.protocols.DotStuffedEncoder;
import dev.torsion.protocols.LineReceiver;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An NNTP client (RFC 3977) for reading and feeding, where every command answers with a Deferred:
 * commands may be called at once; they go out one at a time, each after the previous answer.
 * Multi-line answers are unstuffed by a {@link DotStuffedDecoder}; articles can be streamed to a
 * consumer chunk by chunk as they arrive instead of being collected. A 4xx or 5xx answer fails the
 * command's Deferred with {@link NntpClientException}.
 */
public final class NntpClient extends LineReceiver {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.ROOT);

    /** One command waiting for its answer; {@code follow} answers a 3xx with what to send next. */
    private static final class Pending {
        final byte[] line;
        final boolean multiline;
        final Consumer<byte[]> sink;
        final Deferred<NntpResponse> answer = new Deferred<>();
        Function<NntpResponse, byte[]> follow;
        TlsOptions tls;

        Pending(String line, boolean multiline, Consumer<byte[]> sink) {
            this((line + "\r\n").getBytes(StandardCharsets.UTF_8), multiline, sink);
        }

        Pending(byte[] bytes, boolean multiline, Consumer<byte[]> sink) {
            this.line = bytes;
            this.multiline = multiline;
            this.sink = sink;
        }
    }

    private final NntpLimits limits;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Deferred<NntpResponse> greeting = new Deferred<>();
    private NntpClientState state = NntpClientState.GREETING;
    private Pending current;
    private NntpResponse status;
    private DotStuffedDecoder decoder;
    private ByteArrayOutputStream collected;

    /** A client with the default limits. */
    public NntpClient() {
        this(NntpLimits.DEFAULTS);
    }

    /** A client whose answers are bounded by {@code limits} (response lines; collected blocks by the article size). */
    public NntpClient(NntpLimits limits) {
        this.limits = limits;
        setMaxLength(limits.responseLineLength());
    }

    /** The client's state. */
    public NntpClientState state() {
        return state;
    }

    /** The greeting (RFC 3977 §5.1: 200 posting allowed, 201 not); fails on 400 or 502. */
    public Deferred<NntpResponse> greeting() {
        return greeting;
    }

    // ---------------------------------------------------------------- commands

    /** Sends {@code line} and answers with its single-line response. */
    public Deferred<NntpResponse> command(String line) {
        return enqueue(new Pending(line, false, null));
    }

    /** Sends {@code line} and answers with its multi-line response, the block collected. */
    public Deferred<NntpResponse> multiline(String line) {
        return enqueue(new Pending(line, true, null));
    }

    /** Sends {@code line}; the block of its multi-line response goes to {@code sink} as it arrives. */
    public Deferred<NntpResponse> stream(String line, Consumer<byte[]> sink) {
        return enqueue(new Pending(line, true, sink));
    }

    /** CAPABILITIES (RFC 3977 §5.2): the capability lines. */
    public Deferred<List<String>> capabilities() {
        return multiline("CAPABILITIES").addCallback(NntpResponse::lines);
    }

    /** MODE READER (RFC 3977 §5.3). */
    public Deferred<NntpResponse> modeReader() {
        return command("MODE READER");
    }

    /** GROUP (RFC 3977 §6.1.1). */
    public Deferred<GroupStatus> group(String name) {
        return command("GROUP " + name).addCallback(GroupStatus::of);
    }

    /** LISTGROUP (RFC 3977 §6.1.2): the group's article numbers. */
    public Deferred<List<Long>> listGroup(String name) {
        return multiline("LISTGROUP " + name).addCallback(response -> {
            List<Long> numbers = new ArrayList<>();
            for (String line : response.lines()) {
                numbers.add(Long.parseLong(line.strip()));
            }
            return numbers;
        });
    }

    /** ARTICLE (RFC 3977 §6.2.1) by number or message-id, or the current one when {@code spec} is empty; collected. */
    public Deferred<NntpResponse> article(String spec) {
        return multiline(withArgument("ARTICLE", spec));
    }

    /** ARTICLE streamed: the article's bytes go to {@code sink} chunk by chunk, unstuffed. */
    public Deferred<NntpResponse> article(String spec, Consumer<byte[]> sink) {
        return stream(withArgument("ARTICLE", spec), sink);
    }

    /** HEAD (RFC 3977 §6.2.2). */
    public Deferred<NntpResponse> head(String spec) {
        return multiline(withArgument("HEAD", spec));
    }

    /** BODY (RFC 3977 §6.2.3). */
    public Deferred<NntpResponse> body(String spec) {
        return multiline(withArgument("BODY", spec));
    }

    /** STAT (RFC 3977 §6.2.4). */
    public Deferred<NntpResponse> stat(String spec) {
        return command(withArgument("STAT", spec));
    }

    /** NEXT (RFC 3977 §6.1.3). */
    public Deferred<NntpResponse> next() {
        return command("NEXT");
    }

    /** LAST (RFC 3977 §6.1.4). */
    public Deferred<NntpResponse> last() {
        return command("LAST");
    }

    /** OVER (RFC 3977 §8.3): the overview lines, fields tab-separated. */
    public Deferred<List<String>> over(String range) {
        return multiline(withArgument("OVER", range)).addCallback(NntpResponse::lines);
    }

    /** HDR (RFC 3977 §8.5): lines of {@code number value}. */
    public Deferred<List<String>> hdr(String field, String range) {
        return multiline(withArgument("HDR " + field, range)).addCallback(NntpResponse::lines);
    }

    /** LIST ACTIVE (RFC 3977 §7.6.3): {@code group high low status} lines. */
    public Deferred<List<String>> list() {
        return multiline("LIST ACTIVE").addCallback(NntpResponse::lines);
    }

    /** LIST with another keyword (NEWSGROUPS, OVERVIEW.FMT, HEADERS, ...). */
    public Deferred<List<String>> list(String keyword) {
        return multiline("LIST " + keyword).addCallback(NntpResponse::lines);
    }

    /** NEWGROUPS (RFC 3977 §7.3) since {@code since}: active lines. */
    public Deferred<List<String>> newGroups(Instant since) {
        return multiline("NEWGROUPS " + DATE.format(since.atOffset(ZoneOffset.UTC)) + " GMT").addCallback(NntpResponse::lines);
    }

    /** NEWNEWS (RFC 3977 §7.4): message-ids of articles in groups {@code wildmat} matches since {@code since}. */
    public Deferred<List<String>> newNews(String wildmat, Instant since) {
        return multiline("NEWNEWS " + wildmat + " " + DATE.format(since.atOffset(ZoneOffset.UTC)) + " GMT")
                .addCallback(NntpResponse::lines);
    }

    /** DATE (RFC 3977 §7.1): the server's time. */
    public Deferred<Instant> date() {
        return command("DATE").addCallback(response -> LocalDateTime.parse(response.text().strip(),
                DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)).toInstant(ZoneOffset.UTC));
    }

    /** POST (RFC 3977 §6.3.1): sends {@code article} (CR LF or LF line ends, not stuffed) after 340; answers 240. */
    public Deferred<NntpResponse> post(byte[] article) {
        Pending pending = new Pending("POST", false, null);
        pending.follow = response -> response.code() == 340 ? DotStuffedEncoder.encode(article) : null;
        return enqueue(pending);
    }

    /** IHAVE (RFC 3977 §6.3.2): offers {@code messageId}, sends the article after 335; answers 235 (435, 436, 437 fail). */
    public Deferred<NntpResponse> ihave(String messageId, byte[] article) {
        Pending pending = new Pending("IHAVE " + messageId, false, null);
        pending.follow = response -> response.code() == 335 ? DotStuffedEncoder.encode(article) : null;
        return enqueue(pending);
    }

    /** MODE STREAM (RFC 4644 §2.3); answers 203. */
    public Deferred<NntpResponse> modeStream() {
        return command("MODE STREAM");
    }

    /** CHECK (RFC 4644 §2.4): answers 238 (send it); 438 (not wanted) and 431 (later) fail. */
    public Deferred<NntpResponse> check(String messageId) {
        return command("CHECK " + messageId);
    }

    /** TAKETHIS (RFC 4644 §2.5): the command and the article go out together; answers 239, 439 fails. */
    public Deferred<NntpResponse> takeThis(String messageId, byte[] article) {
        byte[] command = ("TAKETHIS " + messageId + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] block = DotStuffedEncoder.encode(article);
        byte[] both = Arrays.copyOf(command, command.length + block.length);
        System.arraycopy(block, 0, both, command.length, block.length);
        return enqueue(new Pending(both, false, null));
    }

    /** AUTHINFO USER and PASS (RFC 4643 §2.3); answers 281. */
    public Deferred<NntpResponse> login(String user, String password) {
        Pending pending = new Pending("AUTHINFO USER " + user, false, null);
        pending.follow = response -> response.code() == 381
                ? ("AUTHINFO PASS " + password + "\r\n").getBytes(StandardCharsets.UTF_8) : null;
        return enqueue(pending);
    }

    /** STARTTLS (RFC 4642): on 382 the connection switches to TLS before the next command. */
    public Deferred<NntpResponse> startTls(TlsOptions options) {
        Pending pending = new Pending("STARTTLS", false, null);
        pending.tls = options;
        return enqueue(pending);
    }

    /** QUIT (RFC 3977 §5.4): answers 205; the server then closes. */
    public Deferred<NntpResponse> quit() {
        return command("QUIT");
    }

    private static String withArgument(String keyword, String argument) {
        return argument == null || argument.isEmpty() ? keyword : keyword + " " + argument;
    }

    // ---------------------------------------------------------------- the exchange

    private Deferred<NntpResponse> enqueue(Pending pending) {
        if (state == NntpClientState.CLOSED) {
            return Deferred.fail(new NntpClientException("connection closed"));
        }
        queue.add(pending);
        sendNext();
        return pending.answer;
    }

    private void sendNext() {
        if (current != null || state != NntpClientState.READY || queue.isEmpty()) {
            return;
        }
        current = queue.poll();
        transport().write(current.line);
    }

    @Override
    protected void lineReceived(byte[] line) {
        NntpResponse response = parse(line);
        if (response == null) {
            abort("not an NNTP answer");
            return;
        }
        if (state == NntpClientState.GREETING) {
            greeted(response);
            return;
        }
        if (current == null) {
            abort("unexpected answer " + response.code());
            return;
        }
        if (response.code() / 100 == 3 && current.follow != null) {
            byte[] next = current.follow.apply(response);
            current.follow = null;
            if (next != null) {
                transport().write(next);
                return;
            }
        }
        if (response.code() >= 400) {
            finish(null, new NntpClientException(response));
            return;
        }
        if (current.multiline && response.code() < 300) {
            state = state.blockStarts();
            status = response;
            decoder = new DotStuffedDecoder(limits.responseLineLength(), Long.MAX_VALUE);
            collected = current.sink == null ? new ByteArrayOutputStream() : null;
            setRawMode();
            return;
        }
        if (current.tls != null && response.code() == 382) {
            // RFC 4642 §2.2: the next octets are the TLS handshake, so TLS starts before any queued command goes out.
            ((TlsCapableTransport) transport()).startTLS(current.tls);
        }
        finish(response, null);
    }

    private void greeted(NntpResponse response) {
        if (response.code() == 200 || response.code() == 201) {
            state = state.greeted();
            greeting.callback(response);
            sendNext();
        } else {
            state = state.close();
            greeting.errback(new NntpClientException(response));
            transport().loseConnection();
        }
    }

    @Override
    protected void rawDataReceived(byte[] data) {
        if (decoder == null) {
            return;
        }
        int used = decoder.feed(data, 0, data.length);
        byte[] chunk = decoder.takeContent();
        if (chunk.length > 0) {
            if (current.sink != null) {
                current.sink.accept(chunk);
            } else if (collected.size() + chunk.length > limits.articleSize() * 4) {
                abort("answer longer than " + limits.articleSize() * 4 + " octets");
                return;
            } else {
                collected.write(chunk, 0, chunk.length);
            }
        }
        if (!decoder.isFinished()) {
            return;
        }
        DotStuffedDecoder finished = decoder;
        decoder = null;
        if (finished.state() == DotStuffedDecoder.State.FAILED) {
            abort("bare CR or LF in a multi-line answer");
            return;
        }
        state = state.blockEnds();
        byte[] rest = Arrays.copyOfRange(data, used, data.length);
        NntpResponse response = new NntpResponse(status.code(), status.text(), collected == null ? null : collected.toByteArray());
        collected = null;
        status = null;
        if (finished.hadLineTooLong()) {
            finish(null, new NntpClientException("line longer than " + limits.responseLineLength() + " octets in " + response));
        } else {
            finish(response, null);
        }
        setLineMode(rest);
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        abort("answer line longer than " + limits.responseLineLength() + " octets");
    }

    private void finish(NntpResponse response, NntpClientException error) {
        Pending done = current;
        current = null;
        if (error != null) {
            done.answer.errback(error);
        } else {
            done.answer.callback(response);
        }
        sendNext();
    }

    private static NntpResponse parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.length() < 3 || !text.substring(0, 3).matches("[1-5][0-9][0-9]") || text.length() > 3 && text.charAt(3) != ' ') {
            return null;
        }
        return new NntpResponse(Integer.parseInt(text.substring(0, 3)), text.length() > 4 ? text.substring(4) : "", null);
    }

    private void abort(String reason) {
        failAll(new NntpClientException(reason));
        state = state.close();
        transport().abortConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        state = state.close();
        if (!greeting.isCalled()) {
            greeting.errback(new NntpClientException("connection lost before the greeting"));
        }
        failAll(new NntpClientException("connection lost"));
    }

    private void failAll(NntpClientException error) {
        List<Pending> pending = new ArrayList<>();
        if (current != null) {
            pending.add(current);
            current = null;
        }
        pending.addAll(queue);
        queue.clear();
        for (Pending p : pending) {
            p.answer.errback(error);
        }
    }
}
