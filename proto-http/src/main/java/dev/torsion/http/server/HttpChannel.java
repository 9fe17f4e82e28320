package dev.torsion.http.server;

import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.Html;
import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one HTTP/1.1 connection, as twisted.web's {@code HTTPChannel}: parses
 * requests, hands each complete one to a {@link RequestHandler}, and keeps the connection alive
 * between them.
 *
 * <p>One request is answered at a time: while it is, later pipelined requests wait in the parser's
 * buffer (reading pauses once that holds {@link ServerConfig#maxPipelinedBytes()}), so responses
 * leave strictly in request order. A request that breaks the syntax or a limit gets its status
 * (400, 408, 413, 414, 417, 431, 505) with {@code Connection: close}, and the connection closes.
 *
 * <p>Timeouts run on the given {@link Clock}: a request head must be complete within
 * {@link ServerConfig#headerTimeout()} of its first byte, a body may not stall for longer than
 * {@link ServerConfig#idleTimeout()} (both 408), and a kept-alive connection with no request for
 * {@link ServerConfig#idleTimeout()} is closed.
 */
public final class HttpChannel extends Protocol implements HalfCloseableProtocol {
    private static final Logger log = LoggerFactory.getLogger(HttpChannel.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private enum Wait { NONE, IDLE, HEADER, BODY }

    private final RequestHandler handler;
    private final ServerConfig config;
    private final Clock clock;
    private final boolean secure;
    private final HttpMessageParser parser;
    private final SessionManager sessions;

    private Request current;
    private boolean dispatched;
    private long bodyLimit;
    private long bodyReceived;
    private ByteArrayOutputStream body;
    private boolean processing;
    private boolean closing;
    private boolean readingPaused;
    private boolean readClosed;

    private Wait waiting = Wait.NONE;
    private long deadline;
    private DelayedCall timer;

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
        if (current != null && dispatched) {
            Request lostRequest = current;
            current = null;
            lostRequest.connectionLost(reason);
            if (lostRequest.isLost()) {
                log.debug("client {} went away before the answer to {}", transport().getPeer(), lostRequest);
            }
        }
    }

    /**
     * The client closed its sending side (as {@code nc -N} or a shell pipe does after a request):
     * the requests already received are still answered, then the connection closes.
     */
    @Override
    public void readConnectionLost() {
        readClosed = true;
        if (!dispatched && !closing) {
            close();
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
            while (!closing && !dispatched) {
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
        if (dispatched && !closing && !readingPaused && parser.buffered() > config.maxPipelinedBytes()) {
            readingPaused = true;
            transport().pauseProducing();
        }
        if (readClosed && !dispatched && !closing) {
            // Everything the half-closed client sent has been answered.
            close();
        }
    }

    private void headReceived() throws HttpParseException {
        var head = parser.head();
        current = new Request(this, head, RequestTarget.parse(head.method(), head.target()));
        String expect = head.headers().get("Expect");
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpParseException(HttpStatus.EXPECTATION_FAILED, "unsupported expectation");
        }
        bodyLimit = handler.headReceived(current);
        bodyReceived = 0;
        body = null;
        if (parser.contentLength() > bodyLimit) {
            throw new HttpParseException(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + bodyLimit + " bytes");
        }
        boolean bodyExpected = parser.isChunked() || parser.contentLength() > 0;
        if (bodyExpected) {
            if (expect != null && head.isHttp11()) {
                transport().write(CONTINUE);
            }
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
        if (body == null) {
            long expected = parser.contentLength();
            body = new ByteArrayOutputStream((int) Math.min(expected > 0 ? expected : 1024, 1 << 20));
        }
        body.writeBytes(piece);
    }

    private void messageReceived() {
        waiting = Wait.NONE;
        Request request = current;
        request.setBody(body == null ? new byte[0] : body.toByteArray(), parser.trailers());
        body = null;
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

    // ---------------------------------------------------------------- answering

    /** Whether the connection may stay open after the current response. */
    boolean mayKeepAlive() {
        return !closing;
    }

    void writeOut(byte[] data) {
        transport().write(data);
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
        current = null;
        dispatched = false;
        if (!request.isPersistent()) {
            close();
            return;
        }
        if (parser.isInsideMessage()) {
            waitFor(Wait.HEADER, config.headerTimeout());
        } else {
            waitFor(Wait.IDLE, config.idleTimeout());
        }
        if (readingPaused) {
            readingPaused = false;
            transport().resumeProducing();
        }
        process();
    }

    /** Answers a request the channel refuses with {@code status} and closes the connection. */
    private void refuse(int status, String reason) {
        log.info("refusing request from {} with {}: {}", transport().getPeer(), status, reason);
        if (current != null && dispatched) {
            // The answer to an earlier request is still being written: it cannot be interrupted cleanly.
            transport().abortConnection();
            closing = true;
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
        close();
    }

    private void close() {
        closing = true;
        waiting = Wait.NONE;
        cancelTimer();
        transport().loseConnection();
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
        long now = clock.nanoTime();
        if (now < deadline) {
            timer = clock.callLater(Duration.ofNanos(deadline - now), this::timerFired);
            return;
        }
        if (waiting == Wait.IDLE) {
            log.debug("closing idle connection from {}", transport().getPeer());
            close();
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
