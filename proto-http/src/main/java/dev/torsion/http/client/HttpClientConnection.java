package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.parse.HttpMessageParser;
import dev.torsion.http.parse.HttpParseException;
import dev.torsion.http.parse.MessageHead;
import dev.torsion.http.parse.ParserLimits;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one HTTP/1.1 connection, as Twisted's {@code HTTP11ClientProtocol}: sends one
 * request at a time, parses its response, hands the body on, and tells its owner when it is free
 * again (kept alive) or gone.
 */
final class HttpClientConnection extends Protocol {
    private static final Logger log = LoggerFactory.getLogger(HttpClientConnection.class);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** Hears about the connection's life. */
    interface Owner {
        /** The connection is up. */
        void connected(HttpClientConnection connection);

        /** The response is complete and the connection may carry another request. */
        void idle(HttpClientConnection connection);

        /** The connection is closed. */
        void closed(HttpClientConnection connection);
    }

    private final ParserLimits limits;
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
    private boolean persistent;
    private boolean bodySent;
    private boolean responseDone;
    private boolean anyResponseBytes;
    private boolean skippingInterim;
    private int requestsSent;
    private boolean closed;
    private boolean losing;

    HttpClientConnection(ParserLimits limits, Owner owner) {
        this.limits = limits;
        this.owner = owner;
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
        return closed;
    }

    /** Sends {@code outgoing}; {@code result} fires with the response head, or fails. */
    void send(OutgoingRequest outgoing, Deferred<Response> result) {
        request = outgoing;
        responseDeferred = result;
        parser = HttpMessageParser.forResponses(limits);
        pipe = null;
        persistent = false;
        bodySent = outgoing.body() == null;
        responseDone = false;
        anyResponseBytes = false;
        skippingInterim = false;
        requestsSent++;
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
                if (closed || data.length == 0) {
                    return;
                }
                if (chunked) {
                    transport().write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    transport().write(data);
                    transport().write(CRLF);
                } else {
                    transport().write(data);
                }
            }
        };
        transport().registerProducer(body, true);
        body.startProducing(framing).addCallbacks(done -> {
            if (!closed) {
                transport().unregisterProducer();
                if (chunked) {
                    transport().write(LAST_CHUNK);
                }
            }
            bodySent = true;
            if (responseDone) {
                afterResponse();
            }
            return null;
        }, failure -> {
            log.debug("request body failed: {}", failure.getErrorMessage());
            if (!closed) {
                transport().abortConnection();
            }
            failRequest(Failure.of(new ResponseNeverReceived("the request body failed", failure.value())));
            return null;
        });
    }

    /** Drops the connection (the request was cancelled or timed out). */
    void abort() {
        if (!closed) {
            transport().abortConnection();
        }
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
            while (parser != null && !closed) {
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
        BodyPipe bodyPipe = new BodyPipe(reading, transport());
        pipe = bodyPipe;
        Response response = new Response(head.version(), status, head.reason(), head.headers(), request.method(),
                request.uri(), bodyPipe::deliverTo);
        Deferred<Response> waiting = responseDeferred;
        responseDeferred = null;
        if (waiting != null && !waiting.isCalled()) {
            waiting.callback(response);
        }
    }

    private void messageEnded() {
        responseDone = true;
        BodyPipe finishedPipe = pipe;
        parser = null;
        if (finishedPipe != null) {
            finishedPipe.end(Failure.of(new ResponseDone("response body complete")));
        }
        if (bodySent) {
            afterResponse();
        } else {
            // The server answered before the whole request body went out: the connection is unusable.
            persistent = false;
            transport().loseConnection();
        }
    }

    private void afterResponse() {
        if (closed || losing) {
            return;
        }
        request = null;
        if (persistent) {
            owner.idle(this);
        } else {
            transport().loseConnection();
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
        losing = true;
        if (parser != null && !closed) {
            parser.feedEnd();
            process();
        }
        closed = true;
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
