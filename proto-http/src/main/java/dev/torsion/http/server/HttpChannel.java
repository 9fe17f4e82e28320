package dev.torsion.http.server;

import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.Headers;
import dev.torsion.http.Html;
import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
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
 * leave strictly in request order. A request that breaks the syntax or a limit gets its status
 * (400, 408, 413, 414, 417, 431, 505) with {@code Connection: close}, and the connection closes,
 * lingering for a few seconds first, so that a client still sending can read the answer.
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
 * {@link ServerConfig#headerTimeout()} of its first byte, a body may not stall for longer than
 * {@link ServerConfig#idleTimeout()} (both 408; a body paused by its receiver does not count as
 * stalled). A new connection that sends no request within {@link ServerConfig#idleTimeout()} gets a
 * 408 too. A kept-alive connection idle that long between requests is closed without an answer:
 * there an unasked-for 408 could cross the client's next request on the wire and be taken as its
 * answer, while a closed idle connection is one that every client knows to retry on.
 */
public final class HttpChannel extends Protocol implements HalfCloseableProtocol {
    private static final Logger log = LoggerFactory.getLogger(HttpChannel.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** The most of an unwanted streamed body read and dropped to keep the connection (as Go's net/http). */
    private static final long DRAIN_LIMIT = 256 * 1024;
    /** How long a closing connection goes on reading (and dropping) what a client still sends (package-private for tests). */
    static final Duration LINGER = Duration.ofSeconds(5);

    private enum Wait { NONE, IDLE, HEADER, BODY }

    /** Why reading from the client is paused; it resumes once no reason is left. */
    private enum Pause { PIPELINE, BODY_RECEIVER }

    private final RequestHandler handler;
    private final ServerConfig config;
    private final Clock clock;
    private final boolean secure;
    private final HttpMessageParser parser;
    private final SessionManager sessions;

    /** The request being received or answered, and how far it got. */
    private Request current;
    private boolean dispatched;
    private boolean answered;
    private boolean bodyDone;
    private long bodyLimit;
    private long bodyReceived;
    private ByteArrayOutputStream body;
    private BodyPipe bodyPipe;
    private boolean continuePending;

    private boolean anyRequest;
    private boolean processing;
    private boolean closing;
    private boolean lingering;
    private boolean readClosed;
    private final EnumSet<Pause> pauses = EnumSet.noneOf(Pause.class);

    private Wait waiting = Wait.NONE;
    private long deadline;
    private DelayedCall timer;

    /** The client's reading as a streamed body's receiver steers it. */
    private final PushProducer bodyReading = new PushProducer() {
        @Override
        public void pauseProducing() {
            pauseReading(Pause.BODY_RECEIVER);
        }

        @Override
        public void resumeProducing() {
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

    @Override
    public void connectionMade() {
        waitFor(Wait.IDLE, config.idleTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (closing) {
            // Lingering or not, nothing after the close is a request.
            return;
        }
        if (waiting == Wait.IDLE) {
            waitFor(Wait.HEADER, config.headerTimeout());
        } else if (waiting == Wait.BODY) {
            deadline = clock.nanoTime() + config.idleTimeout().toNanos();
        }
        parser.feed(data);
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        closing = true;
        waiting = Wait.NONE;
        cancelTimer();
        Request lostRequest = current;
        current = null;
        if (lostRequest != null && dispatched) {
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
        readClosed = true;
        if (lingering) {
            // The client has stopped sending: the close can finish.
            transport().loseConnection();
            return;
        }
        if (closing) {
            return;
        }
        if (!dispatched) {
            close();
        } else if (!bodyDone) {
            refuse(HttpStatus.BAD_REQUEST, "the client closed its side inside the request body");
        }
    }

    /** This side can no longer write: nothing more can be answered. */
    @Override
    public void writeConnectionLost() {
        if (!closing) {
            closing = true;
            cancelTimer();
            transport().loseConnection();
        }
    }

    // ---------------------------------------------------------------- reading requests

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            // Between a request's end and its answer, what follows stays in the parser's buffer.
            while (!closing && (current == null || !bodyDone)) {
                HttpMessageParser.Event event = parser.next();
                if (event == HttpMessageParser.Event.NEED_DATA) {
                    break;
                }
                switch (event) {
                    case HEAD -> headReceived();
                    case BODY -> bodyReceived(parser.body());
                    case END -> messageReceived();
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
        if (current != null && bodyDone && !closing && parser.buffered() > config.maxPipelinedBytes()) {
            pauseReading(Pause.PIPELINE);
        }
        if (readClosed && current == null && !closing) {
            // Everything the half-closed client sent has been answered.
            close();
        }
    }

    private void headReceived() throws HttpParseException {
        var head = parser.head();
        anyRequest = true;
        current = new Request(this, head, RequestTarget.parse(head.method(), head.target()));
        dispatched = false;
        answered = false;
        bodyDone = false;
        bodyReceived = 0;
        body = null;
        String expect = head.headers().get("Expect");
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpParseException(HttpStatus.EXPECTATION_FAILED, "unsupported expectation");
        }
        bodyLimit = handler.headReceived(current);
        if (parser.contentLength() > bodyLimit) {
            throw new HttpParseException(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + bodyLimit + " bytes");
        }
        boolean bodyExpected = parser.isChunked() || parser.contentLength() > 0;
        boolean awaitsContinue = bodyExpected && expect != null && head.isHttp11();
        if (handler.streamsBody(current)) {
            bodyPipe = new BodyPipe(bodyReading, transport());
            current.streamBodyThrough(bodyPipe);
            // The client sends nothing until asked: its silence is no stall until then.
            continuePending = awaitsContinue;
            expectBody(bodyExpected && !awaitsContinue);
            dispatch(current);
            return;
        }
        if (awaitsContinue) {
            transport().write(CONTINUE);
        }
        expectBody(bodyExpected);
    }

    private void expectBody(boolean expected) {
        if (expected) {
            waitFor(Wait.BODY, config.idleTimeout());
        } else {
            waiting = Wait.NONE;
        }
    }

    private void bodyReceived(byte[] piece) throws HttpParseException {
        bodyReceived += piece.length;
        if (bodyReceived > bodyLimit) {
            throw new HttpParseException(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + bodyLimit + " bytes");
        }
        if (bodyPipe != null) {
            bodyPipe.data(piece);
            return;
        }
        if (body == null) {
            long expected = parser.contentLength();
            body = new ByteArrayOutputStream((int) Math.min(expected > 0 ? expected : 1024, 1 << 20));
        }
        body.writeBytes(piece);
    }

    private void messageReceived() {
        waiting = Wait.NONE;
        bodyDone = true;
        Request request = current;
        if (bodyPipe != null) {
            request.setTrailers(parser.trailers());
            bodyPipe.end(Failure.of(new RequestBodyDone("request body complete")));
            // Answered before (the rest was drained), or just now by the receiver, which completed it then.
            if (answered && current == request) {
                requestComplete();
            }
            return;
        }
        request.setBody(body == null ? new byte[0] : body.toByteArray(), parser.trailers());
        body = null;
        dispatch(request);
    }

    private void dispatch(Request request) {
        dispatched = true;
        try {
            handler.requestReceived(request);
        } catch (RuntimeException e) {
            log.error("handler failed on {}", request, e);
            if (!request.isStarted() && !request.isFinished()) {
                request.forceClose();
                request.setResponseCode(HttpStatus.INTERNAL_SERVER_ERROR);
                request.responseHeaders().remove("Content-Length");
                request.setHeader("Content-Type", "text/html; charset=utf-8");
                request.respond(Html.errorPage(500, "Internal Server Error", "").getBytes(StandardCharsets.UTF_8));
            } else if (!request.isFinished()) {
                transport().abortConnection();
            }
        }
    }

    /** Called by a streamed request whose body is asked for: a client waiting for 100 Continue gets it now. */
    void bodyWanted(Request request) {
        if (request == current && continuePending && !request.isStarted() && !closing) {
            continuePending = false;
            transport().write(CONTINUE);
            waitFor(Wait.BODY, config.idleTimeout());
        }
    }

    // ---------------------------------------------------------------- answering

    /**
     * Whether the connection may stay open after the current response: not when closing, nor when
     * a streamed body is unfinished and would cost too much to read to its end (or the client still
     * waits to be asked for it).
     */
    boolean mayKeepAlive() {
        if (closing) {
            return false;
        }
        if (bodyPipe == null || bodyDone) {
            return true;
        }
        if (continuePending) {
            return false;
        }
        if (bodyPipe.isDelivered() && !bodyPipe.isEnded()) {
            return true;
        }
        long length = parser.contentLength();
        return !parser.isChunked() && length >= 0 && length - bodyReceived <= DRAIN_LIMIT;
    }

    void writeOut(byte[] data) {
        transport().write(data);
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
        answered = true;
        if (!request.isPersistent()) {
            if (bodyDone) {
                close();
            } else {
                closeLingering();
            }
            return;
        }
        if (!bodyDone) {
            // The rest of the streamed body is read to keep the connection; nobody waits for it.
            if (!bodyPipe.isDelivered()) {
                bodyPipe.discard();
            }
            return;
        }
        requestComplete();
        process();
    }

    /** The current request is answered and its body read: the connection is ready for the next. */
    private void requestComplete() {
        Request request = current;
        current = null;
        dispatched = false;
        bodyPipe = null;
        continuePending = false;
        if (!request.isPersistent()) {
            close();
            return;
        }
        if (parser.isInsideMessage()) {
            waitFor(Wait.HEADER, config.headerTimeout());
        } else {
            waitFor(Wait.IDLE, config.idleTimeout());
        }
        // A receiver's pause is lifted by its pipe's end, which came before this.
        resumeReading(Pause.PIPELINE);
    }

    /** Answers a request the channel refuses with {@code status} and closes the connection. */
    private void refuse(int status, String reason) {
        log.info("refusing request from {} with {}: {}", transport().getPeer(), status, reason);
        if (current != null && dispatched && !failStreamedBody(status, reason)) {
            return;
        }
        byte[] page = Html.errorPage(status, HttpStatus.reason(status), reason).getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("Date", HttpDate.now(), "Content-Type", "text/html; charset=utf-8",
                "Content-Length", Integer.toString(page.length), "Connection", "close");
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.reason(status)).append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("\r\n");
        transport().write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        transport().write(page);
        current = null;
        closeLingering();
    }

    /**
     * A request already handed on cannot be refused cleanly unless its body streamed and its
     * answer has not begun: then the handler's answer is dropped, the body's receiver hears the
     * error, and true says the refusal may be written. Otherwise the connection ends here.
     */
    private boolean failStreamedBody(int status, String reason) {
        Request request = current;
        if (bodyPipe != null && !bodyDone) {
            Failure failure = Failure.of(new HttpError(status, reason));
            bodyDone = true;
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
        // The answer to this request is being written: it cannot be interrupted cleanly.
        transport().abortConnection();
        closing = true;
        return false;
    }

    private void close() {
        closing = true;
        waiting = Wait.NONE;
        cancelTimer();
        transport().loseConnection();
    }

    /**
     * Closes after the answer while the client may still be sending (a refused head with its body
     * on the way, an early answer to an upload): shuts only this side's writing, then reads and
     * drops what comes for up to {@link #LINGER} before closing, as Apache's and nginx's lingering
     * close do. Closing at once would make the kernel answer the client's next bytes with a reset,
     * which destroys the answer the client has not read yet (it would see "connection reset"
     * instead of a 413). A client that ends its side ends the wait.
     */
    private void closeLingering() {
        if (readClosed || !(transport() instanceof HalfCloseableTransport halfClose)) {
            close();
            return;
        }
        closing = true;
        lingering = true;
        waiting = Wait.NONE;
        cancelTimer();
        halfClose.loseWriteConnection();
        if (!pauses.isEmpty()) {
            pauses.clear();
            transport().resumeProducing();
        }
        timer = clock.callLater(LINGER, transport()::loseConnection);
    }

    private void pauseReading(Pause reason) {
        if (pauses.isEmpty() && !closing) {
            transport().pauseProducing();
        }
        pauses.add(reason);
    }

    private void resumeReading(Pause reason) {
        if (pauses.remove(reason) && pauses.isEmpty() && !closing) {
            transport().resumeProducing();
        }
    }

    // ---------------------------------------------------------------- timeouts

    /**
     * Arms the single connection timer lazily: moving a deadline later costs nothing, the timer
     * re-arms itself when it fires early.
     */
    private void waitFor(Wait what, Duration timeout) {
        waiting = what;
        deadline = clock.nanoTime() + timeout.toNanos();
        if (timer != null && timer.active()) {
            if (timer.time() > deadline) {
                timer.reset(timeout);
            }
            return;
        }
        timer = clock.callLater(timeout, this::timerFired);
    }

    private void timerFired() {
        timer = null;
        if (waiting == Wait.NONE || closing) {
            return;
        }
        if (waiting == Wait.BODY && pauses.contains(Pause.BODY_RECEIVER)) {
            // The body waits on its receiver, not on the client.
            waitFor(Wait.BODY, config.idleTimeout());
            return;
        }
        long now = clock.nanoTime();
        if (now < deadline) {
            timer = clock.callLater(Duration.ofNanos(deadline - now), this::timerFired);
            return;
        }
        if (waiting == Wait.IDLE && anyRequest) {
            log.debug("closing idle connection from {}", transport().getPeer());
            close();
        } else if (waiting == Wait.IDLE) {
            refuse(HttpStatus.REQUEST_TIMEOUT, "no request came");
        } else {
            refuse(HttpStatus.REQUEST_TIMEOUT, waiting == Wait.HEADER ? "request head too slow" : "request body stalled");
        }
    }

    private void cancelTimer() {
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        timer = null;
    }
}
