package dev.torsion.http.h2.server;

import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.h2.codec.Http2ErrorCode;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.ResponseHead;
import dev.torsion.http.server.ResponseSink;
import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One HTTP/2 stream, served by an {@link HttpChannel} of the site as if it were a connection
 * carrying one request: the stream is that channel's {@link Transport} for the request, and the
 * {@link ResponseSink} of its answer. No HTTP/1.1 bytes go either way: the request's decoded
 * HEADERS are given to the channel as the request's head ({@link RequestHeaders}), its DATA as
 * body pieces and its end (END_STREAM, or trailers) as the body's end, so the request goes through
 * the site's one dispatch path (look-up, limits, guard, streamed or buffered body, access log);
 * the answer comes out of the {@code Request} as its parts (head, body pieces, end with trailers)
 * and goes out as HEADERS, DATA (within the flow-control windows, RFC 9113 section 5.2) and
 * trailing HEADERS. The stream takes no bytes ({@link #write} refuses them).
 *
 * <p>Backpressure both ways: while the channel pauses its reading (a body receiver that is slow),
 * the DATA the client may still send within the window it had is held here, not delivered, and
 * this stream's WINDOW_UPDATEs are held back, so the client stops sending on this stream only; the
 * connection's window is given back as DATA arrives, so other streams go on. Response bytes the
 * client's window does not let out yet are held up to {@code maxBufferedOutput}, above which the
 * response's producer is paused.
 */
final class Http2Stream implements Transport, ResponseSink {
    /** Section 8.2.2: connection-specific fields, never sent in HTTP/2. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");
    private static final HeaderField STATUS_200 = new HeaderField(":status", "200");

    /** The stream's life (RFC 9113 section 5.1), as the server sees it. */
    enum State {
        /** Both sides may send. */
        OPEN,
        /** The client ended its side (END_STREAM); the answer goes on. */
        HALF_CLOSED_REMOTE,
        /** The answer ended (END_STREAM sent); the request body still comes. */
        HALF_CLOSED_LOCAL,
        /** Both ended, or reset. */
        CLOSED
    }

    private final int id;
    private final Http2Connection connection;
    private final HttpChannel channel;
    private State state = State.OPEN;

    private long declaredLength = -1;
    private long received;
    /** The request's DATA, and its end, held while the channel pauses its reading (bounded by the window not given back). */
    private ArrayDeque<byte[]> heldBody;
    private Headers heldEnd;
    private boolean deliveringHeld;

    long sendWindow;
    int receiveWindow;
    private int unreturnedCredit;
    private boolean readingPaused;

    private List<HeaderField> responseHeaders;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private int pendingOffset;
    private long pendingBytes;
    private boolean responseEnded;
    private List<HeaderField> responseTrailers;
    private boolean answerStarted;
    private boolean disconnecting;
    private Producer producer;
    private boolean producerStreaming;
    private boolean producerPaused;

    Http2Stream(int id, Http2Connection connection, HttpChannel channel, long sendWindow, int receiveWindow) {
        this.id = id;
        this.connection = connection;
        this.channel = channel;
        this.sendWindow = sendWindow;
        this.receiveWindow = receiveWindow;
        channel.answerThrough(this);
    }

    int id() {
        return id;
    }

    State state() {
        return state;
    }

    boolean isAnswered() {
        return responseEnded;
    }

    // ---------------------------------------------------------------- the request, in

    /** The request's head is in: the channel takes it as the request's head, and its end if END_STREAM came with it. */
    void start(RequestHeaders.Decoded request, boolean endStream) {
        declaredLength = request.contentLength();
        if (endStream) {
            // The whole request is in the HEADERS: half-closed before the site answers, maybe at once.
            if (declaredLength > 0) {
                connection.streamError(Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "no DATA for the content-length"));
                return;
            }
            state = State.HALF_CLOSED_REMOTE;
        }
        channel.makeConnection(this);
        channel.requestHead(request.head(), request.scheme(), declaredLength, !endStream);
        if (endStream) {
            channel.requestEnded(new Headers());
        }
    }

    /** A DATA frame's data (section 6.1); a body longer than its content-length is malformed (section 8.1.1). */
    void data(byte[] data, boolean endStream) throws Http2Exception {
        if (state == State.HALF_CLOSED_REMOTE || state == State.CLOSED) {
            throw Http2Exception.stream(id, Http2ErrorCode.STREAM_CLOSED, "DATA after END_STREAM");
        }
        received += data.length;
        if (declaredLength >= 0 && received > declaredLength) {
            throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "more DATA than the content-length");
        }
        if (endStream) {
            remoteEnded();
        }
        if (data.length > 0) {
            deliver(data);
        }
        if (endStream) {
            deliverEnd(new Headers());
        }
    }

    /** Trailers end the request (section 8.1). */
    void trailers(Headers trailers) throws Http2Exception {
        if (state == State.HALF_CLOSED_REMOTE || state == State.CLOSED) {
            throw Http2Exception.stream(id, Http2ErrorCode.STREAM_CLOSED, "trailers after END_STREAM");
        }
        remoteEnded();
        deliverEnd(trailers);
    }

    /**
     * The client ended its side: OPEN → HALF_CLOSED_REMOTE (before the end is delivered, so that an
     * answer given at once closes the stream), or HALF_CLOSED_LOCAL → CLOSED. A body shorter than
     * its content-length is malformed (section 8.1.1).
     */
    private void remoteEnded() throws Http2Exception {
        if (declaredLength >= 0 && received != declaredLength) {
            throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "DATA shorter than the content-length");
        }
        state = state == State.HALF_CLOSED_LOCAL ? State.CLOSED : State.HALF_CLOSED_REMOTE;
        if (state == State.CLOSED) {
            closed(null);
        }
    }

    /** A piece of the body to the channel, or held while it pauses its reading (or earlier pieces wait). */
    private void deliver(byte[] piece) {
        if (readingPaused || heldBody != null && !heldBody.isEmpty()) {
            if (heldBody == null) {
                heldBody = new ArrayDeque<>();
            }
            heldBody.add(piece);
            return;
        }
        channel.requestBody(piece);
    }

    private void deliverEnd(Headers trailers) {
        if (readingPaused || heldBody != null && !heldBody.isEmpty()) {
            heldEnd = trailers;
            return;
        }
        channel.requestEnded(trailers);
    }

    /** The channel reads again: what was held goes to it, in order, until it pauses again. */
    private void deliverHeld() {
        if (deliveringHeld) {
            return;
        }
        deliveringHeld = true;
        try {
            while (!readingPaused && heldBody != null && !heldBody.isEmpty()) {
                channel.requestBody(heldBody.poll());
            }
            if (!readingPaused && heldEnd != null && (heldBody == null || heldBody.isEmpty())) {
                Headers trailers = heldEnd;
                heldEnd = null;
                channel.requestEnded(trailers);
            }
        } finally {
            deliveringHeld = false;
        }
    }

    private boolean holdsBody() {
        return heldBody != null && !heldBody.isEmpty();
    }

    /** Counts DATA against the stream's window; returns the credit to give back now (0 while the channel is paused). */
    int consumed(int length) {
        unreturnedCredit += length;
        return returnableCredit();
    }

    private int returnableCredit() {
        if (readingPaused || holdsBody() || state == State.HALF_CLOSED_REMOTE || state == State.CLOSED
                || unreturnedCredit < connection.windowThreshold()) {
            return 0;
        }
        int credit = unreturnedCredit;
        unreturnedCredit = 0;
        receiveWindow += credit;
        return credit;
    }

    /** RST_STREAM from the client, or this side's stream error: the channel hears the connection went away. */
    void reset() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            closed(Failure.of(new ConnectionLost("the stream was reset")));
        }
    }

    /** The whole connection is gone. */
    void connectionLost(Failure reason) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
        }
        pending.clear();
        pendingBytes = 0;
        if (channel.isConnected()) {
            channel.notifyConnectionLost(reason);
        }
    }

    private void closed(Failure reason) {
        pending.clear();
        pendingBytes = 0;
        heldBody = null;
        connection.streamClosed(this);
        // The channel hears of it after the call that led here has returned, as from a real transport.
        connection.later(() -> {
            if (channel.isConnected()) {
                channel.notifyConnectionLost(reason != null ? reason : Failure.of(new StreamEnded()));
            }
        });
    }

    // ---------------------------------------------------------------- the answer, out (the request's sink)

    /** Section 8.1: an interim answer (100 Continue) goes out as its own HEADERS. */
    @Override
    public void interim(int status) {
        if (answering()) {
            connection.sendHeaders(this, List.of(new HeaderField(":status", Integer.toString(status))), false);
        }
    }

    @Override
    public void head(ResponseHead head, byte[] body, boolean end) {
        if (!answering() || answerStarted) {
            return;
        }
        answerStarted = true;
        responseHeaders = fields(head);
        queue(body);
        responseEnded = end;
        sent();
    }

    @Override
    public void body(byte[] piece) {
        if (answering() && answerStarted) {
            queue(piece);
            sent();
        }
    }

    @Override
    public void end(Headers trailers) {
        if (!answering() || !answerStarted) {
            return;
        }
        responseEnded = true;
        if (!trailers.isEmpty()) {
            responseTrailers = lowerCased(trailers, new ArrayList<>(trailers.size()));
        }
        sent();
    }

    /** Section 5.4.2: an answer that cannot be completed is reset, so that it never looks complete. */
    @Override
    public void abort() {
        abortConnection();
    }

    /** Whether the answer may still go out: the stream is not closed on this side, nor the answer ended. */
    private boolean answering() {
        return state != State.CLOSED && state != State.HALF_CLOSED_LOCAL && !responseEnded;
    }

    private void queue(byte[] piece) {
        if (piece.length > 0) {
            pending.add(piece);
            pendingBytes += piece.length;
        }
    }

    /** Sends what the windows let out; past {@code maxBufferedOutput} held, the response's producer is paused. */
    private void sent() {
        connection.flushStream(this);
        if (pendingBytes > connection.limits().maxBufferedOutput() && producer instanceof PushProducer push && !producerPaused) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    /** Section 8.3.2: {@code :status} first, then the fields lower-cased (section 8.2), without the connection-specific ones. */
    private List<HeaderField> fields(ResponseHead head) {
        List<HeaderField> fields = new ArrayList<>(head.fields().size() + 1);
        fields.add(head.status() == 200 ? STATUS_200 : new HeaderField(":status", Integer.toString(head.status())));
        return lowerCased(head.fields(), fields);
    }

    private List<HeaderField> lowerCased(Headers headers, List<HeaderField> into) {
        for (int i = 0; i < headers.size(); i++) {
            String name = connection.fieldName(headers.nameAt(i));
            if (!CONNECTION_SPECIFIC.contains(name)) {
                into.add(new HeaderField(name, headers.valueAt(i)));
            }
        }
        return into;
    }

    /**
     * The stream carries frames, not HTTP/1.1 bytes: its answer comes through {@link ResponseSink}.
     * Bytes written here are a resource bypassing its {@code Request}; they are refused.
     */
    @Override
    public void write(byte[] data) {
        throw new UnsupportedOperationException("an HTTP/2 stream takes no HTTP/1.1 bytes: answer through the Request");
    }

    /** The response headers not yet sent (taken once). */
    List<HeaderField> takeResponseHeaders() {
        List<HeaderField> fields = responseHeaders;
        responseHeaders = null;
        return fields;
    }

    boolean hasResponseHeaders() {
        return responseHeaders != null;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** Takes up to {@code max} pending response bytes. */
    byte[] takePending(int max) {
        byte[] first = pending.peek();
        int available = first.length - pendingOffset;
        int take = Math.min(max, available);
        if (pendingOffset == 0 && take == first.length) {
            // A whole piece goes out as it is: a small body is not copied here.
            pending.poll();
            pendingBytes -= take;
            return first;
        }
        byte[] out = new byte[take];
        System.arraycopy(first, pendingOffset, out, 0, take);
        pendingOffset += take;
        pendingBytes -= take;
        if (pendingOffset == first.length) {
            pending.poll();
            pendingOffset = 0;
        }
        return out;
    }

    /** Whether everything of the answer but the END_STREAM is out. */
    boolean readyToEnd() {
        return responseEnded && pending.isEmpty() && responseHeaders == null;
    }

    boolean hasTrailers() {
        return responseTrailers != null;
    }

    List<HeaderField> takeTrailers() {
        List<HeaderField> trailers = responseTrailers;
        responseTrailers = null;
        return trailers;
    }

    /** END_STREAM went out: HALF_CLOSED_LOCAL, or CLOSED when the request ended too. */
    void answerSent() {
        if (state == State.HALF_CLOSED_REMOTE) {
            state = State.CLOSED;
            closed(null);
        } else if (state == State.OPEN) {
            // Section 8.1: answered before the request ended; the client is told to stop sending.
            state = State.HALF_CLOSED_LOCAL;
            connection.resetAfterAnswer(this);
        }
    }

    /** Output drained below the low-water mark: the producer may go on. */
    void drained() {
        if (producer == null) {
            return;
        }
        if (producerPaused && pendingBytes <= connection.limits().maxBufferedOutput() / 2 && producer instanceof PushProducer push) {
            producerPaused = false;
            push.resumeProducing();
        } else if (!producerStreaming && pendingBytes == 0 && producer instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }

    /**
     * The channel closes its "connection" (after its answer, or giving up on it): an answer that did
     * not end, or never began, is reset, so that the client is told the stream failed.
     */
    @Override
    public void loseConnection() {
        if (disconnecting) {
            return;
        }
        disconnecting = true;
        if (!responseEnded && state != State.CLOSED) {
            connection.streamError(Http2Exception.stream(id, Http2ErrorCode.INTERNAL_ERROR,
                    answerStarted ? "the answer did not end" : "no answer"));
            return;
        }
        connection.flushStream(this);
    }

    @Override
    public void abortConnection() {
        disconnecting = true;
        if (state != State.CLOSED) {
            connection.streamError(Http2Exception.stream(id, Http2ErrorCode.INTERNAL_ERROR, "the answer was cut"));
        }
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered");
        }
        producer = newProducer;
        producerStreaming = streaming;
        producerPaused = false;
        if (pendingBytes > connection.limits().maxBufferedOutput() && newProducer instanceof PushProducer push) {
            producerPaused = true;
            push.pauseProducing();
        } else if (!streaming && newProducer instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    /** The channel stops reading: this stream's window is not given back. */
    @Override
    public void pauseProducing() {
        readingPaused = true;
    }

    /** The channel reads again: the DATA held goes to it, then the window held back is given back. */
    @Override
    public void resumeProducing() {
        if (readingPaused) {
            readingPaused = false;
            deliverHeld();
            int credit = returnableCredit();
            if (credit > 0) {
                connection.sendWindowUpdate(id, credit);
            }
        }
    }

    @Override
    public void stopProducing() {
    }

    @Override
    public Address getHost() {
        return connection.transport().getHost();
    }

    @Override
    public Address getPeer() {
        return connection.transport().getPeer();
    }

    @Override
    public String toString() {
        return "<HTTP/2 stream " + id + " " + state + ">";
    }

    /**
     * The clean end of a stream, told to its channel once per stream: without a stack trace, which
     * would say nothing (it is always this class's {@code closed}) and cost more to fill than the
     * rest of a small request's answer.
     */
    private static final class StreamEnded extends ConnectionDone {
        StreamEnded() {
            super("the stream ended");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
