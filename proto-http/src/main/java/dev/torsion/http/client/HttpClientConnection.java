package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.MessageWriter;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.http.parse.MessageHead;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one HTTP/1.1 connection, as Twisted's {@code HTTP11ClientProtocol}: sends one
 * request at a time, parses its response, hands the body on, and tells its owner when it is free
 * again (kept alive) or gone.
 */
final class HttpClientConnection extends Protocol implements PooledConnection {
    private static final Logger log = LoggerFactory.getLogger(HttpClientConnection.class);

    /** The lifecycle of the connection; each transition is one method below. */
    enum State {
        /** No request in flight: free for the next one. */
        IDLE,
        /** A request is out and its body still going; its response is not complete. */
        SENDING,
        /** The request is whole; its response is not complete. */
        AWAITING,
        /** The response came whole before the request body was sent: the connection cannot be reused. */
        ANSWERED_EARLY,
        /** Closing after the pending bytes; aborted after the close timeout. */
        CLOSING,
        /** Gone. */
        CLOSED
    }

    /** Hears about the connection's life. */
    interface Owner {
        /** The connection is up. */
        void connected(HttpClientConnection connection);

        /** The response is complete and the connection may carry another request. */
        void idle(HttpClientConnection connection);

        /** The connection is closed. */
        void closed(HttpClientConnection connection);
    }

    private final AgentConfig config;
    private final Clock clock;
    private final Owner owner;
    /** The connection's reading, as a response body's receiver steers it: stopping drops the connection. */
    private final PushProducer reading = new PushProducer() {
        @Override
        public void pauseProducing() {
            transport().pauseProducing();
        }

        @Override
        public void resumeProducing() {
            transport().resumeProducing();
        }

        @Override
        public void stopProducing() {
            abort();
        }
    };
    private HttpMessageParser parser;
    private OutgoingRequest request;
    private Deferred<Response> responseDeferred;
    private BodyPipe pipe;
    private State state = State.IDLE;
    /** What the response said of the connection's reuse. */
    private boolean persistent;
    /** Whether anything of a response to the current request arrived (a failure before may be a stale keep-alive). */
    private boolean anyResponseBytes;
    /** Whether the parser is inside an interim (1xx) response, which is skipped. */
    private boolean skippingInterim;
    private int requestsSent;
    private DelayedCall closeDeadline;

    HttpClientConnection(AgentConfig config, Clock clock, Owner owner) {
        this.config = config;
        this.clock = clock;
        this.owner = owner;
    }

    /** Where the connection is in its life (for tests). */
    State state() {
        return state;
    }

    @Override
    public void connectionMade() {
        owner.connected(this);
    }

    /** Whether this connection carried a request before the current one (so a failure may be a stale keep-alive). */
    boolean wasReused() {
        return requestsSent > 1;
    }

    /** Whether nothing of a response has arrived for the current request. */
    boolean noResponseBytes() {
        return !anyResponseBytes;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    private boolean isClosing() {
        return state == State.CLOSING || state == State.CLOSED;
    }

    /** Sends {@code outgoing}; {@code result} fires with the response head, or fails. */
    @Override
    public void send(OutgoingRequest outgoing, Deferred<Response> result) {
        request = outgoing;
        responseDeferred = result;
        parser = HttpMessageParser.forResponses(config.parserLimits());
        pipe = null;
        persistent = false;
        anyResponseBytes = false;
        skippingInterim = false;
        requestsSent++;
        // IDLE → SENDING or AWAITING.
        state = outgoing.body() == null ? State.AWAITING : State.SENDING;
        transport().write(outgoing.head());
        if (outgoing.body() != null) {
            sendBody(outgoing.body());
        }
    }

    private void sendBody(BodyProducer body) {
        boolean chunked = body.length() < 0;
        Consumer framing = new Consumer() {
            @Override
            public void registerProducer(Producer producer, boolean streaming) {
                transport().registerProducer(producer, streaming);
            }

            @Override
            public void unregisterProducer() {
                transport().unregisterProducer();
            }

            @Override
            public void write(byte[] data) {
                if (isClosing() || data.length == 0) {
                    return;
                }
                if (chunked) {
                    transport().writeSequence(MessageWriter.chunk(data));
                } else {
                    transport().write(data);
                }
            }
        };
        transport().registerProducer(body, true);
        body.startProducing(framing).addCallbacks(done -> {
            bodySent();
            return null;
        }, failure -> {
            log.debug("request body failed: {}", failure.getErrorMessage());
            if (state != State.CLOSED) {
                transport().abortConnection();
            }
            failRequest(Failure.of(new ResponseNeverReceived("the request body failed", failure.value())));
            return null;
        });
    }

    /** SENDING → AWAITING, or ANSWERED_EARLY → CLOSING: the request body is all out. */
    private void bodySent() {
        if (state == State.CLOSED) {
            return;
        }
        transport().unregisterProducer();
        if (state == State.SENDING) {
            if (requestChunked()) {
                transport().write(MessageWriter.lastChunk(null));
            }
            state = State.AWAITING;
        } else if (state == State.ANSWERED_EARLY) {
            close();
        }
    }

    private boolean requestChunked() {
        return request != null && request.body() != null && request.body().length() < 0;
    }

    /**
     * An idempotent request that got nothing back on a reused connection met a keep-alive the server
     * had closed (RFC 9112 section 9.3.1): it goes again on a new connection.
     */
    @Override
    public boolean mayRetry(OutgoingRequest outgoing, Failure failure) {
        return wasReused() && noResponseBytes() && outgoing.isRetryable()
                && failure.check(ResponseNeverReceived.class) != null;
    }

    /** Drops the connection (the request was cancelled or timed out). */
    @Override
    public void abort() {
        if (state != State.CLOSED) {
            transport().abortConnection();
        }
    }

    /**
     * → CLOSING: closes after the pending bytes, and aborts if the server has not taken them within
     * the close timeout (a server that stopped reading would otherwise hold the connection forever).
     */
    private void close() {
        if (isClosing()) {
            return;
        }
        state = State.CLOSING;
        transport().loseConnection();
        closeDeadline = clock.callLater(config.closeTimeout(), () -> {
            closeDeadline = null;
            if (state == State.CLOSING) {
                log.info("the server {} took no more of the request for {}: aborting the connection",
                        transport().getPeer(), config.closeTimeout());
                transport().abortConnection();
            }
        });
    }

    @Override
    public void dataReceived(byte[] data) {
        if (parser == null) {
            log.debug("unexpected {} bytes on an idle connection; closing", data.length);
            transport().abortConnection();
            return;
        }
        anyResponseBytes = true;
        parser.feed(data);
        process();
    }

    private void process() {
        try {
            while (parser != null && state != State.CLOSED) {
                HttpMessageParser.Event event = parser.next();
                switch (event) {
                    case NEED_DATA -> {
                        return;
                    }
                    case HEAD -> headReceived(parser.head());
                    case BODY -> pipe.data(parser.body());
                    case END -> {
                        if (skippingInterim) {
                            skippingInterim = false;
                        } else {
                            messageEnded();
                            return;
                        }
                    }
                    default -> throw new IllegalStateException(event.name());
                }
            }
        } catch (HttpParseException e) {
            log.info("bad response from {}: {}", transport().getPeer(), e.getMessage());
            Failure failure = Failure.of(new ResponseFailed("bad response: " + e.getMessage()));
            parser = null;
            transport().abortConnection();
            failRequest(failure);
        }
    }

    private void headReceived(MessageHead head) {
        int status = head.status();
        if (status / 100 == 1 && status != 101) {
            skippingInterim = true;
            return;
        }
        if (request.method().equals("HEAD")) {
            parser.expectNoBody();
        }
        persistent = head.isHttp11() ? !head.headers().containsToken("Connection", "close")
                : head.headers().containsToken("Connection", "keep-alive");
        if (!parser.isChunked() && parser.contentLength() < 0 && !request.method().equals("HEAD")
                && status != 204 && status != 304) {
            persistent = false;
        }
        if (request.headers().containsToken("Connection", "close")) {
            persistent = false;
        }
        BodyPipe bodyPipe = new BodyPipe(reading, transport(), config.maxBufferedBodyBytes());
        pipe = bodyPipe;
        Response response = new Response(head.version(), status, head.reason(), head.headers(), request.method(),
                request.uri(), bodyPipe::deliverTo);
        Deferred<Response> waiting = responseDeferred;
        responseDeferred = null;
        if (waiting != null && !waiting.isCalled()) {
            waiting.callback(response);
        }
    }

    /** AWAITING → IDLE or CLOSING; SENDING → ANSWERED_EARLY: the response is whole. */
    private void messageEnded() {
        BodyPipe finishedPipe = pipe;
        parser = null;
        if (finishedPipe != null) {
            finishedPipe.end(Failure.of(new ResponseDone("response body complete")));
        }
        if (state == State.SENDING) {
            // The server answered before the whole request body went out: the connection is unusable.
            persistent = false;
            state = State.ANSWERED_EARLY;
            close();
            return;
        }
        if (state != State.AWAITING) {
            return;
        }
        request = null;
        if (persistent) {
            state = State.IDLE;
            owner.idle(this);
        } else {
            close();
        }
    }

    private void failRequest(Failure failure) {
        Deferred<Response> waiting = responseDeferred;
        responseDeferred = null;
        if (waiting != null && !waiting.isCalled()) {
            waiting.errback(failure);
        }
        if (pipe != null && !pipe.isEnded()) {
            pipe.end(failure);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (parser != null && state != State.CLOSED) {
            // A body read until the close ends here; the connection is of no further use either way.
            persistent = false;
            parser.feedEnd();
            process();
        }
        state = State.CLOSED;
        if (closeDeadline != null && closeDeadline.active()) {
            closeDeadline.cancel();
        }
        if (responseDeferred != null) {
            failRequest(Failure.of(new ResponseNeverReceived("connection closed before a response: "
                    + reason.getErrorMessage(), reason.value())));
        } else if (pipe != null && !pipe.isEnded()) {
            failRequest(Failure.of(new ResponseFailed("connection closed inside the response body: "
                    + reason.getErrorMessage(), reason.value())));
        }
        owner.closed(this);
    }
}
