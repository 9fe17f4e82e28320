package dev.torsion.http.server;

import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.Headers;
import dev.torsion.http.Html;
import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpError;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.http.parse.MessageHead;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one HTTP/1.1 connection, as twisted.web's {@code HTTPChannel}: parses
 * requests, hands each one to a {@link RequestHandler}, and keeps the connection alive between them.
 *
 * <p>One request is answered at a time: while it is, later pipelined requests wait in the parser's
 * buffer (reading pauses once that holds {@link ServerConfig#maxPipelinedBytes()}), so responses
 * leave strictly in request order. The channel is the push producer registered on its transport
 * (a response's own producer takes its place while it is registered): when the transport's unsent
 * output passes its high-water mark it pauses the channel, which then stops reading and stops
 * taking pipelined requests out of its buffer until the output drained, so that a client that
 * pipelines and never reads holds at most one answer in this server's memory.
 *
 * <p>A request that breaks the syntax or a limit gets its status (400, 408, 413, 414, 417, 431,
 * 501, 505) with {@code Connection: close}, and the connection closes lingering, so that a client
 * still sending can read the answer. A request with a body its resource cannot take (a 404, a 405)
 * is answered at once, without reading the body, and closes lingering likewise.
 *
 * <p>A request body is buffered whole before the handler sees the request, unless the handler
 * {@linkplain RequestHandler#streamsBody streams it}: then the request goes to the handler as soon
 * as its head is in, and the body flows through a {@link BodyPipe} to the protocol given to
 * {@link Request#deliverBody}, whose pausing pauses the reading from the client. A client that sent
 * {@code Expect: 100-continue} is told to go on only once the body is asked for. When a response
 * is finished before its streamed body ended, the rest of the body is read and dropped if it is
 * small (or being read anyway), else the response says {@code Connection: close}.
 *
 * <p>Timeouts run on the given {@link Clock}: a request head must be complete within
 * {@link ServerConfig#headerTimeout()} of its first byte; a body may not stall for longer than
 * {@link ServerConfig#idleTimeout()} and must be whole within {@link ServerConfig#bodyTimeout()}
 * plus one second per {@link ServerConfig#minBodyRate()} bytes received (both 408; a body paused
 * by its receiver or by this side's output does not count). A new connection that sends no request
 * within {@link ServerConfig#idleTimeout()} gets a 408 too. A kept-alive connection idle that long
 * between requests is closed without an answer: there an unasked-for 408 could cross the client's
 * next request on the wire and be taken as its answer, while a closed idle connection is one that
 * every client knows to retry on. A closing connection whose client does not take its last bytes
 * within {@link ServerConfig#closeTimeout()} is aborted.
 *
 * <p>An HTTP/2 stream is served by a channel of its own whose transport is the stream: its request
 * comes decoded ({@link #requestHead}, {@link #requestBody}, {@link #requestEnded}) instead of as
 * bytes to parse, and goes through the same steps from its head on; its answer goes to the
 * stream's {@link ResponseSink} ({@link #answerThrough}).
 */
public final class HttpChannel extends Protocol implements HalfCloseableProtocol, PushProducer {
    private static final Logger log = LoggerFactory.getLogger(HttpChannel.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The lifecycle of the connection; each transition is one method below. */
    enum State {
        /** Connected, no request yet: the idle timeout earns a 408. */
        NEW,
        /** Kept alive between requests: the idle timeout closes quietly. */
        IDLE,
        /** A request head has begun: the header timeout earns a 408. */
        READING_HEAD,
        /** The head is in and its body is being buffered before the handler sees it. */
        READING_BODY,
        /** Handed on, its client waiting for {@code 100 Continue} before it sends the body. */
        AWAITING_CONTINUE,
        /** Handed on, its body streaming to the handler. */
        STREAMING_BODY,
        /** The whole request is in and handed on; its answer is not finished. */
        ANSWERING,
        /** Handed on without its body, which it cannot take: the answer closes lingering. */
        ANSWERING_UNREAD,
        /** Answered before its streamed body ended: the rest is read and dropped. */
        DRAINING,
        /** Writing is shut after a refusal; what the client still sends is read and dropped. */
        LINGERING,
        /** The transport is closing after the pending bytes: aborted after the close timeout. */
        CLOSING,
        /** Answered with 101 Switching Protocols: the connection belongs to another protocol now. */
        UPGRADED,
        /** The connection is gone. */
        CLOSED
    }

    /** Why reading from the client is paused; it resumes once no reason is left. */
    private enum Pause { PIPELINE, BODY_RECEIVER, OUTPUT }

    private final RequestHandler handler;
    private final ServerConfig config;
    private final Clock clock;
    private final boolean secure;
    private final HttpMessageParser parser;
    private final SessionManager sessions;
    /** Where every answer goes when the channel serves an HTTP/2 stream; null on an HTTP/1.x connection. */
    private ResponseSink streamSink;
    /** The scheme an HTTP/2 stream's request named ({@code :scheme}); null on an HTTP/1.x connection. */
    private String streamScheme;

    private State state = State.NEW;
    /** The client shut its sending side (a half-close): a fact about the peer, whatever the state. */
    private boolean peerDoneSending;
    /** Guards {@link #process()} against re-entering itself through an answer given synchronously. */
    private boolean processing;
    private final EnumSet<Pause> pauses = EnumSet.noneOf(Pause.class);

    /** The request being received or answered, and its body so far. */
    private Request current;
    /** The current request's body as its head declares it: the length (-1 unknown), and whether it is of no declared length. */
    private long bodyLength;
    private boolean bodyUnsized;
    private long bodyLimit;
    private long bodyReceived;
    private ByteArrayOutputStream body;
    private BodyPipe bodyPipe;

    /** The body deadlines: the last read, and where the whole-body budget started and what it counted since. */
    private long lastReadNanos;
    private long bodyClockStart;
    private long bodyClockBytes;

    /** The response's own producer, registered on the transport in this channel's place. */
    private Producer responseProducer;

    private long deadline;
    private DelayedCall timer;
    /** {@link #deadline} when the state has none. */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /** The protocol the connection was handed to by a 101 (a WebSocket), in UPGRADED. */
    private Protocol upgraded;

    /** The client's reading as a streamed body's receiver steers it. */
    private final PushProducer bodyReading = new PushProducer() {
        @Override
        public void pauseProducing() {
            pauseReading(Pause.BODY_RECEIVER);
        }

        @Override
        public void resumeProducing() {
            restartBodyClock();
            resumeReading(Pause.BODY_RECEIVER);
        }

        @Override
        public void stopProducing() {
            // The pipe has lifted its pause and drops the rest; the receiver hears that its body ended here.
            if (bodyPipe != null) {
                bodyPipe.end(Failure.of(new ConnectionAborted("the request body was stopped by its receiver")));
            }
        }
    };

    /** A channel handing requests to {@code handler}, timing on {@code clock}; {@code secure} when over TLS. */
    public HttpChannel(RequestHandler handler, ServerConfig config, Clock clock, boolean secure) {
        this(handler, config, clock, secure, new SessionManager(clock, Duration.ofMinutes(15)));
    }

    /** As above, with the sessions that {@link Request#getSession()} uses (shared by a site's connections). */
    public HttpChannel(RequestHandler handler, ServerConfig config, Clock clock, boolean secure, SessionManager sessions) {
        this.sessions = sessions;
        this.handler = handler;
        this.config = config;
        this.clock = clock;
        this.secure = secure;
        this.parser = HttpMessageParser.forRequests(config.parserLimits());
    }

    /**
     * Has this channel's answers go to {@code sink} instead of being written as HTTP/1.1 to its
     * transport: an HTTP/2 stream's channel answers in the stream's frames.
     */
    public void answerThrough(ResponseSink sink) {
        this.streamSink = sink;
    }

    /** Where an answer goes: the stream's sink, or HTTP/1.1 written to the transport for a request of that version. */
    private ResponseSink sinkFor(boolean http11) {
        return streamSink != null ? streamSink : new Http1ResponseWriter(transport(), http11);
    }

    /** The scheme of the current request: {@code :scheme} on an HTTP/2 stream, else by the transport. */
    String scheme() {
        if (streamScheme != null) {
            return streamScheme;
        }
        return secure ? "https" : "http";
    }

    /** Whether this connection runs over TLS. */
    public boolean isSecure() {
        return secure;
    }

    /** The sessions of this channel's site. */
    public SessionManager sessions() {
        return sessions;
    }

    /** The clock this channel times on. */
    public Clock clock() {
        return clock;
    }

    /** This channel's settings. */
    public ServerConfig config() {
        return config;
    }

    /** Where the connection is in its life (for tests). */
    State state() {
        return state;
    }

    @Override
    public void connectionMade() {
        transport().registerProducer(this, true);
        arm(config.idleTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == State.UPGRADED) {
            upgraded.dataReceived(data);
            return;
        }
        if (isClosing()) {
            // Lingering or not, nothing after the close is a request.
            return;
        }
        if (state == State.NEW || state == State.IDLE) {
            headBegun();
        } else if (state == State.AWAITING_CONTINUE) {
            // RFC 9110 section 10.1.1: a client may send the body without waiting for 100 Continue.
            bodyBegun(State.STREAMING_BODY);
        }
        lastReadNanos = clock.nanoTime();
        parser.feed(data);
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state == State.UPGRADED) {
            state = State.CLOSED;
            upgraded.notifyConnectionLost(reason);
            return;
        }
        boolean handedOn = handedOn();
        state = State.CLOSED;
        cancelTimer();
        Request lostRequest = current;
        current = null;
        if (lostRequest != null && handedOn) {
            lostRequest.connectionLost(reason);
            if (lostRequest.isLost()) {
                log.debug("client {} went away before the answer to {}", transport().getPeer(), lostRequest);
                // A download cut by the client or by shutdown is still a request served: log it.
                handOverCut(lostRequest);
            }
        }
        if (bodyPipe != null) {
            bodyPipe.end(reason);
        }
    }

    /**
     * The client closed its sending side (as {@code nc -N} or a shell pipe does after a request):
     * the requests already received are still answered, then the connection closes. A streamed
     * body cut short by it is a 400.
     */
    @Override
    public void readConnectionLost() {
        peerDoneSending = true;
        if (state == State.UPGRADED) {
            if (upgraded instanceof HalfCloseableProtocol halfCloseable) {
                halfCloseable.readConnectionLost();
            } else {
                transport().loseConnection();
            }
            return;
        }
        switch (state) {
            case LINGERING -> lingerDone();
            case NEW, IDLE, READING_HEAD, READING_BODY -> close();
            case AWAITING_CONTINUE, STREAMING_BODY, DRAINING ->
                    refuse(HttpStatus.BAD_REQUEST, "the client closed its side inside the request body");
            default -> {
                // ANSWERING: answered first, then closed (see process). Closing already: nothing to do.
            }
        }
    }

    /** This side can no longer write: nothing more can be answered. */
    @Override
    public void writeConnectionLost() {
        if (state == State.UPGRADED && upgraded instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        } else if (!isClosing()) {
            close();
        }
    }

    // ---------------------------------------------------------------- the transport's flow control

    /** The transport's output passed its high-water mark: stop taking requests and reading. */
    @Override
    public void pauseProducing() {
        pauseReading(Pause.OUTPUT);
    }

    /** The output drained: take the pipelined requests waiting and read again. */
    @Override
    public void resumeProducing() {
        if (pauses.contains(Pause.OUTPUT)) {
            restartBodyClock();
            resumeReading(Pause.OUTPUT);
            process();
        }
    }

    /** The transport is going away; {@link #connectionLost} does the rest. */
    @Override
    public void stopProducing() {
    }

    /** Registers a response's producer on the transport in this channel's place. */
    void registerResponseProducer(Producer producer, boolean streaming) {
        if (responseProducer != null) {
            throw new IllegalStateException("a producer is already registered: " + responseProducer);
        }
        responseProducer = producer;
        // The transport now pauses the response's producer; a pause of the channel for the output stays until it is back.
        transport().unregisterProducer();
        transport().registerProducer(producer, streaming);
    }

    /** Unregisters a response's producer: the channel is the transport's producer again. */
    void unregisterResponseProducer() {
        if (responseProducer == null) {
            return;
        }
        responseProducer = null;
        transport().unregisterProducer();
        if (state == State.CLOSED) {
            return;
        }
        // Registered again, the channel is paused at once if the output is still too full.
        boolean pausedForOutput = pauses.remove(Pause.OUTPUT);
        transport().registerProducer(this, true);
        if (pausedForOutput && !pauses.contains(Pause.OUTPUT)) {
            if (pauses.isEmpty() && !isClosing()) {
                transport().resumeProducing();
            }
            process();
        }
    }

    // ---------------------------------------------------------------- requests that come decoded (HTTP/2 streams)

    /**
     * A request whose head came decoded rather than as HTTP/1.1 bytes (an HTTP/2 stream's HEADERS):
     * it goes through the same steps as a parsed one (the 501 for a method not implemented, the
     * handler's look-up and body limit, 413, 417, {@code 100-continue}, a body streamed or
     * buffered), then its body comes through {@link #requestBody} and its end through
     * {@link #requestEnded}. {@code contentLength} is the declared length (-1 for none), and
     * {@code bodyFollows} whether the client will send a body at all; {@code scheme} is the one the
     * client named. Once per channel, on a new connection.
     */
    public void requestHead(MessageHead head, String scheme, long contentLength, boolean bodyFollows) {
        if (state != State.NEW) {
            throw new IllegalStateException("a decoded request on a channel in state " + state);
        }
        streamScheme = scheme;
        bodyLength = bodyFollows ? contentLength : 0;
        bodyUnsized = bodyFollows && contentLength < 0;
        state = State.READING_HEAD;
        lastReadNanos = clock.nanoTime();
        take(() -> headReceived(head));
    }

    /**
     * A piece of a decoded request's body; dropped when the request does not take its body (answered
     * without it, or refused). The sender holds pieces while the channel pauses its transport.
     */
    public void requestBody(byte[] piece) {
        if (state == State.AWAITING_CONTINUE) {
            // RFC 9110 section 10.1.1: a client may send the body without waiting for 100 Continue.
            bodyBegun(State.STREAMING_BODY);
        }
        if (!readsBody()) {
            return;
        }
        lastReadNanos = clock.nanoTime();
        take(() -> bodyReceived(piece));
    }

    /** The end of a decoded request, with its trailer fields (empty for none). */
    public void requestEnded(Headers trailers) {
        if (state == State.AWAITING_CONTINUE) {
            bodyBegun(State.STREAMING_BODY);
        }
        if (readsBody()) {
            take(() -> messageReceived(trailers));
        }
    }

    /** Whether the current request's body is being read: buffered, streamed or drained. */
    private boolean readsBody() {
        return state == State.READING_BODY || state == State.STREAMING_BODY || state == State.DRAINING;
    }

    /** One step of a decoded request, with the refusals {@link #process()} gives a parsed one. */
    private void take(RequestStep step) {
        try {
            step.run();
        } catch (HttpParseException e) {
            refuse(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("handler failed on a request from {}", transport().getPeer(), e);
            refuse(HttpStatus.INTERNAL_SERVER_ERROR, "");
        }
    }

    /** A step of reading a request that may refuse it. */
    @FunctionalInterface
    private interface RequestStep {
        void run() throws HttpParseException;
    }

    // ---------------------------------------------------------------- reading requests

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            // Between a request's end and its answer, what follows stays in the parser's buffer; so it
            // does while the transport still holds too much of the answers already given.
            while (takesInput() && !pauses.contains(Pause.OUTPUT)) {
                HttpMessageParser.Event event = parser.next();
                if (event == HttpMessageParser.Event.NEED_DATA) {
                    break;
                }
                switch (event) {
                    case HEAD -> {
                        bodyLength = parser.contentLength();
                        bodyUnsized = parser.isChunked();
                        headReceived(parser.head());
                    }
                    case BODY -> bodyReceived(parser.body());
                    case END -> messageReceived(parser.trailers());
                    default -> throw new IllegalStateException(event.name());
                }
            }
        } catch (HttpParseException e) {
            refuse(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("handler failed on a request head from {}", transport().getPeer(), e);
            refuse(HttpStatus.INTERNAL_SERVER_ERROR, "");
        } finally {
            processing = false;
        }
        if (state == State.ANSWERING && parser.buffered() > config.maxPipelinedBytes()) {
            pauseReading(Pause.PIPELINE);
        }
        if (peerDoneSending && (state == State.IDLE || state == State.NEW || state == State.READING_HEAD)) {
            // Everything the half-closed client sent has been answered.
            close();
        }
    }

    /** Whether the parser may hand out more of what the client sent in this state. */
    private boolean takesInput() {
        return switch (state) {
            case NEW, IDLE, READING_HEAD, READING_BODY, AWAITING_CONTINUE, STREAMING_BODY, DRAINING -> true;
            default -> false;
        };
    }

    /** NEW or IDLE → READING_HEAD: the first byte of a request came. */
    private void headBegun() {
        state = State.READING_HEAD;
        arm(config.headerTimeout());
    }

    /** READING_HEAD → READING_BODY, STREAMING_BODY, AWAITING_CONTINUE, ANSWERING or ANSWERING_UNREAD. */
    private void headReceived(MessageHead head) throws HttpParseException {
        if (!handler.implementsMethod(head.method())) {
            // RFC 9110 section 9.1: a method the origin server does not recognise or implement is a 501.
            throw new HttpParseException(HttpStatus.NOT_IMPLEMENTED, "method " + head.method() + " not implemented");
        }
        current = new Request(this, head, RequestTarget.parse(head.method(), head.target()), sinkFor(head.isHttp11()));
        bodyReceived = 0;
        body = null;
        String expect = head.headers().get("Expect");
        // RFC 9110 section 10.1.1: an expectation other than 100-continue may be answered with 417.
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpParseException(HttpStatus.EXPECTATION_FAILED, "unsupported expectation");
        }
        bodyLimit = handler.headReceived(current);
        boolean bodyExpected = bodyUnsized || bodyLength > 0;
        boolean awaitsContinue = bodyExpected && expect != null && head.isHttp11();
        // No body at all is wanted (a 404, a 405): that answer is the truer one, whatever the size.
        if (bodyExpected && handler.refusesBody(current)) {
            answerUnread();
            return;
        }
        if (bodyLength > bodyLimit) {
            throw new HttpParseException(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + bodyLimit + " bytes");
        }
        if (handler.streamsBody(current)) {
            bodyPipe = new BodyPipe(bodyReading, transport(), config.maxBufferedBodyBytes());
            current.streamBodyThrough(bodyPipe);
            if (!bodyExpected) {
                state = State.STREAMING_BODY;
                disarm();
            } else if (awaitsContinue) {
                // The client sends nothing until asked: its silence is no stall until then.
                state = State.AWAITING_CONTINUE;
                disarm();
            } else {
                bodyBegun(State.STREAMING_BODY);
            }
            dispatch(current);
            return;
        }
        if (awaitsContinue) {
            current.sink().interim(HttpStatus.CONTINUE);
        }
        if (bodyExpected) {
            bodyBegun(State.READING_BODY);
        } else {
            state = State.READING_BODY;
            disarm();
        }
    }

    /**
     * READING_HEAD → ANSWERING_UNREAD: the resource cannot take a body (a 404, a 405), so it answers
     * now, without reading one that may be large or slow, and the connection closes lingering after.
     */
    private void answerUnread() {
        state = State.ANSWERING_UNREAD;
        disarm();
        current.forceClose();
        current.setBody(new byte[0], new Headers());
        dispatch(current);
    }

    /** Starts the body's clocks: the stall timeout and the whole-body deadline. */
    private void bodyBegun(State receiving) {
        state = receiving;
        lastReadNanos = clock.nanoTime();
        restartBodyClock();
        arm(Duration.ofNanos(Math.min(config.idleTimeout().toNanos(), config.bodyTimeout().toNanos())));
    }

    /** A paused body starts a fresh whole-body budget when it resumes: the pause was not the client's doing. */
    private void restartBodyClock() {
        bodyClockStart = clock.nanoTime();
        bodyClockBytes = 0;
        lastReadNanos = bodyClockStart;
    }

    private void bodyReceived(byte[] piece) throws HttpParseException {
        bodyReceived += piece.length;
        bodyClockBytes += piece.length;
        if (bodyReceived > bodyLimit) {
            throw new HttpParseException(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + bodyLimit + " bytes");
        }
        if (bodyPipe != null) {
            bodyPipe.data(piece);
            return;
        }
        if (body == null) {
            body = new ByteArrayOutputStream((int) Math.min(bodyLength > 0 ? bodyLength : 1024, 1 << 20));
        }
        body.writeBytes(piece);
    }

    /** READING_BODY → ANSWERING (dispatched now); STREAMING_BODY → ANSWERING; DRAINING → the next request. */
    private void messageReceived(Headers trailers) {
        Request request = current;
        disarm();
        if (bodyPipe != null) {
            request.setTrailers(trailers);
            boolean drained = state == State.DRAINING;
            state = State.ANSWERING;
            bodyPipe.end(Failure.of(new RequestBodyDone("request body complete")));
            // Answered before (the rest was drained): the connection is ready for the next request.
            if (drained && current == request) {
                requestComplete();
            }
            return;
        }
        request.setBody(body == null ? new byte[0] : body.toByteArray(), trailers);
        body = null;
        state = State.ANSWERING;
        dispatch(request);
    }

    /** Whether the current request has been handed to the handler. */
    private boolean handedOn() {
        return switch (state) {
            case AWAITING_CONTINUE, STREAMING_BODY, ANSWERING, ANSWERING_UNREAD, DRAINING -> true;
            default -> false;
        };
    }

    private void dispatch(Request request) {
        try {
            handler.requestReceived(request);
        } catch (RuntimeException e) {
            log.error("handler failed on {}", request, e);
            request.fail(HttpStatus.INTERNAL_SERVER_ERROR, "");
        }
    }

    /** AWAITING_CONTINUE → STREAMING_BODY: a streamed request whose body is asked for; its client gets 100 Continue. */
    void bodyWanted(Request request) {
        if (request == current && state == State.AWAITING_CONTINUE && !request.isStarted()) {
            request.sink().interim(HttpStatus.CONTINUE);
            bodyBegun(State.STREAMING_BODY);
        }
    }

    // ---------------------------------------------------------------- answering

    /**
     * Whether {@code request} is whole, current and unanswered, so that its connection may change
     * protocols: an HTTP/1.1 connection's, not a stream's.
     */
    boolean maySwitchProtocols(Request request) {
        return request == current && state == State.ANSWERING && streamSink == null;
    }

    /** Writes the {@code 101 Switching Protocols} of {@link #switchProtocols}, with {@code headers}. */
    void writeSwitchingProtocols(Headers headers) {
        Http1ResponseWriter.switchingProtocols(transport(), headers);
    }

    /**
     * ANSWERING → UPGRADED: the 101 for {@code request} is written, and the connection is handed to
     * {@code protocol} (RFC 9110 section 15.2.2: the new protocol starts right after the 101's
     * empty line), with whatever the client sent after its request. The channel steps aside: no
     * timer, no producer of its own; it only passes on what the transport tells it.
     */
    void switchProtocols(Request request, Protocol protocol) {
        if (!maySwitchProtocols(request)) {
            throw new IllegalStateException("cannot switch protocols for " + request + " in state " + state);
        }
        handOverCut(request);
        state = State.UPGRADED;
        current = null;
        cancelTimer();
        upgraded = protocol;
        transport().unregisterProducer();
        if (!pauses.isEmpty()) {
            pauses.clear();
            transport().resumeProducing();
        }
        byte[] early = parser.takeBuffered();
        protocol.makeConnection(transport());
        if (early.length > 0 && state == State.UPGRADED) {
            protocol.dataReceived(early);
        }
    }

    /**
     * Whether the connection may stay open after the current response: not when closing, nor when
     * its body was never to be read, nor when a streamed body is unfinished and would cost too much
     * to read to its end (or the client still waits to be asked for it).
     */
    boolean mayKeepAlive() {
        switch (state) {
            case ANSWERING, READING_BODY -> {
                return true;
            }
            case STREAMING_BODY, DRAINING -> {
                if (bodyPipe.isDelivered() && !bodyPipe.isEnded()) {
                    return true;
                }
                return !bodyUnsized && bodyLength >= 0 && bodyLength - bodyReceived <= config.maxDrainBytes();
            }
            default -> {
                return false;
            }
        }
    }

    /** Tells the handler (the access log) about a request whose connection ended before its answer did. */
    private void handOverCut(Request request) {
        try {
            handler.requestDone(request);
        } catch (RuntimeException e) {
            log.warn("requestDone failed for {}", request, e);
        }
    }

    /** Called by a request once its response is complete. */
    void responseFinished(Request request) {
        if (request != current) {
            return;
        }
        try {
            handler.requestDone(request);
        } catch (RuntimeException e) {
            log.warn("requestDone failed for {}", request, e);
        }
        if (isClosing()) {
            return;
        }
        if (!request.isPersistent()) {
            if (state == State.ANSWERING) {
                close();
            } else {
                closeLingering();
            }
            return;
        }
        if (state == State.STREAMING_BODY) {
            // STREAMING_BODY → DRAINING: the rest of the body is read to keep the connection; nobody waits for it.
            state = State.DRAINING;
            if (!bodyPipe.isDelivered()) {
                bodyPipe.discard();
            }
            return;
        }
        requestComplete();
        process();
    }

    /** ANSWERING → IDLE or READING_HEAD: the request is answered and its body read; the connection is ready for the next. */
    private void requestComplete() {
        current = null;
        bodyPipe = null;
        if (parser.isInsideMessage()) {
            headBegun();
        } else {
            state = State.IDLE;
            arm(config.idleTimeout());
        }
        // A receiver's pause is lifted by its pipe's end, which came before this.
        resumeReading(Pause.PIPELINE);
    }

    /**
     * Answers a request the channel refuses with {@code status} and closes lingering. A request
     * already handed on is refused only if its answer has not begun (its streamed body failed);
     * once the head is out, the connection is aborted: the one rule of {@link Request#fail}.
     */
    private void refuse(int status, String reason) {
        log.info("refusing request from {} with {}: {}", transport().getPeer(), status, reason);
        if (current != null && handedOn() && !failStreamedBody(status, reason)) {
            return;
        }
        byte[] page = Html.errorPage(status, HttpStatus.reason(status), reason).getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("Date", HttpDate.now(), "Content-Type", "text/html; charset=utf-8",
                "Content-Length", Integer.toString(page.length));
        // Not persistent: an HTTP/1.1 connection says Connection: close, whatever the version asked.
        sinkFor(true).head(new ResponseHead(status, HttpStatus.reason(status), headers, page.length, true, false), page, true);
        current = null;
        closeLingering();
    }

    /**
     * A request already handed on can be refused cleanly only while its body streams and its answer
     * has not begun: then the body's receiver hears the error, and true says the refusal may be
     * written. Otherwise the connection ends here.
     */
    private boolean failStreamedBody(int status, String reason) {
        Request request = current;
        boolean bodyUnfinished = state == State.STREAMING_BODY || state == State.AWAITING_CONTINUE || state == State.DRAINING;
        if (bodyPipe != null && bodyUnfinished) {
            Failure failure = Failure.of(new HttpError(status, reason));
            boolean answered = state == State.DRAINING;
            state = State.ANSWERING;
            request.connectionLost(failure);
            bodyPipe.end(failure);
            if (answered) {
                close();
                return false;
            }
            if (!request.isStarted()) {
                return true;
            }
        }
        abort("the answer to " + request + " had begun: " + reason);
        return false;
    }

    /** Whether the connection is on its way out (lingering, closing or closed). */
    private boolean isClosing() {
        return state == State.LINGERING || state == State.CLOSING || state == State.CLOSED;
    }

    /** Any state → CLOSING: the transport closes after the pending bytes, or is aborted after the close timeout. */
    private void close() {
        state = State.CLOSING;
        transport().loseConnection();
        arm(config.closeTimeout());
    }

    /** Any state → CLOSED at once: the answer in flight cannot be completed. */
    private void abort(String why) {
        log.debug("aborting the connection from {}: {}", transport().getPeer(), why);
        state = State.CLOSING;
        cancelTimer();
        transport().abortConnection();
    }

    /**
     * → LINGERING: closes after the answer while the client may still be sending (a refused head with
     * its body on the way, an early answer to an upload): shuts only this side's writing, then reads
     * and drops what comes for up to {@link ServerConfig#lingerTimeout()} before closing, as Apache's
     * and nginx's lingering close do. Closing at once would make the kernel answer the client's next
     * bytes with a reset, which destroys the answer the client has not read yet (it would see
     * "connection reset" instead of a 413). A client that ends its side ends the wait.
     */
    private void closeLingering() {
        if (peerDoneSending || !(transport() instanceof HalfCloseableTransport halfClose)) {
            close();
            return;
        }
        state = State.LINGERING;
        halfClose.loseWriteConnection();
        if (!pauses.isEmpty()) {
            pauses.clear();
            transport().resumeProducing();
        }
        arm(config.lingerTimeout());
    }

    /** LINGERING → CLOSING: the client stopped sending, or the lingering time is over. */
    private void lingerDone() {
        close();
    }

    private void pauseReading(Pause reason) {
        if (pauses.isEmpty() && !isClosing()) {
            transport().pauseProducing();
        }
        pauses.add(reason);
    }

    private void resumeReading(Pause reason) {
        if (pauses.remove(reason) && pauses.isEmpty() && !isClosing()) {
            transport().resumeProducing();
        }
    }

    // ---------------------------------------------------------------- timeouts

    /**
     * Arms the single connection timer for {@code timeout} from now. Lazily: moving a deadline later
     * costs nothing, the timer re-arms itself when it fires early.
     */
    private void arm(Duration timeout) {
        deadline = clock.nanoTime() + timeout.toNanos();
        if (timer != null && timer.active()) {
            if (timer.time() > deadline) {
                timer.reset(timeout);
            }
            return;
        }
        timer = clock.callLater(shorterOf(timeout, shortestRequestTimeout()), this::timerFired);
    }

    /**
     * The shortest deadline the states of a request cycle set (idle, head, body). A new timer is
     * set no later than that, so that moving from one state's deadline to the next (idle 60 s, then
     * head 30 s when a request begins) never moves it earlier: rescheduling is a cancel and a new
     * task on the event loop's timer queue, which cost about a tenth of a small request. The timer
     * fires early at worst, and re-arms itself for what is left.
     */
    private Duration shortestRequestTimeout() {
        return shorterOf(config.idleTimeout(), shorterOf(config.headerTimeout(), config.bodyTimeout()));
    }

    private static Duration shorterOf(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The deadline of the state the connection is in now, in clock nanoseconds. */
    private long currentDeadline() {
        if (state != State.READING_BODY && state != State.STREAMING_BODY && state != State.DRAINING) {
            return deadline;
        }
        long stalled = lastReadNanos + config.idleTimeout().toNanos();
        long earned = bodyClockBytes / config.minBodyRate() * NANOS_PER_SECOND
                + bodyClockBytes % config.minBodyRate() * NANOS_PER_SECOND / config.minBodyRate();
        long whole = bodyClockStart + config.bodyTimeout().toNanos() + earned;
        return Math.min(stalled, whole);
    }

    private void timerFired() {
        timer = null;
        long now = clock.nanoTime();
        if (deadline == NO_DEADLINE) {
            // Disarmed while the handler answers: tick on rather than be cancelled and set again per request.
            timer = clock.callLater(shortestRequestTimeout(), this::timerFired);
            return;
        }
        boolean readingBody = state == State.READING_BODY || state == State.STREAMING_BODY || state == State.DRAINING;
        if (readingBody && !pauses.isEmpty() && !pauses.equals(EnumSet.of(Pause.PIPELINE))) {
            // The body waits on its receiver or on this side's output, not on the client.
            restartBodyClock();
        }
        long due = currentDeadline();
        if (now < due) {
            timer = clock.callLater(Duration.ofNanos(due - now), this::timerFired);
            return;
        }
        switch (state) {
            case NEW -> refuse(HttpStatus.REQUEST_TIMEOUT, "no request came");
            case IDLE -> {
                log.debug("closing idle connection from {}", transport().getPeer());
                close();
            }
            case READING_HEAD -> refuse(HttpStatus.REQUEST_TIMEOUT, "request head too slow");
            case READING_BODY, STREAMING_BODY, DRAINING -> refuse(HttpStatus.REQUEST_TIMEOUT,
                    now >= lastReadNanos + config.idleTimeout().toNanos() ? "request body stalled" : "request body too slow");
            case LINGERING -> lingerDone();
            case CLOSING -> {
                log.info("the client {} took no more of the answer for {}: aborting the connection",
                        transport().getPeer(), config.closeTimeout());
                transport().abortConnection();
            }
            default -> {
                // No deadline in this state (the handler's time, or gone).
            }
        }
    }

    /**
     * No deadline while the handler answers (its time is its own; the transport's send deadline
     * guards the output). The timer is left to tick: it is re-armed by the next state's deadline
     * without being cancelled and scheduled again.
     */
    private void disarm() {
        deadline = NO_DEADLINE;
    }

    private void cancelTimer() {
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        timer = null;
    }
}
