package dev.torsion.http.h2.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.BodyPipe;
import dev.torsion.http.Headers;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.client.Response;
import dev.torsion.http.client.ResponseDone;
import dev.torsion.http.client.ResponseFailed;
import dev.torsion.http.client.ResponseNeverReceived;
import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2ErrorCode;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameDecoder;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.h2.hpack.HpackDecoder;
import dev.torsion.http.h2.hpack.HpackEncoder;
import dev.torsion.http.h2.hpack.HpackException;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one HTTP/2 connection (RFC 9113): many requests to one origin multiplexed on
 * it, each a stream; flow control both ways (a response body whose reader pauses holds back its
 * stream's WINDOW_UPDATEs; a request body is sent within the server's windows and its producer is
 * paused while too much waits). A GOAWAY fails the streams the server did not take with
 * {@link ResponseNeverReceived}, so that they can be retried; the others finish.
 */
public final class Http2ClientConnection extends Protocol implements PushProducer {
    private static final Logger log = LoggerFactory.getLogger(Http2ClientConnection.class);
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host", "te");
    private static final long MAX_WINDOW = Integer.MAX_VALUE;

    /** The connection's life. */
    enum State { OPEN, GOING_AWAY, CLOSED }

    private final Http2Limits limits;
    private final int maxBufferedBody;
    private final Http2FrameDecoder frames;
    private final HpackDecoder hpack;
    private final HpackEncoder encoder = new HpackEncoder();
    private final Map<Integer, ClientStream> streams = new LinkedHashMap<>();
    private State state = State.OPEN;
    private int nextStreamId = 1;
    private int peerInitialWindow = 65_535;
    private int peerMaxFrameSize = 16_384;
    private int peerMaxStreams = Integer.MAX_VALUE;
    private long connectionSendWindow = 65_535;
    private int connectionCredit;
    private int headerStream;
    private boolean headerEndStream;
    private final ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
    private boolean outputPaused;
    private final List<Deferred<Void>> closeWaiters = new ArrayList<>();

    /** A connection with these limits (windows, frame size, header list), buffering up to {@code maxBufferedBody} of a body nobody reads yet. */
    public Http2ClientConnection(Http2Limits limits, int maxBufferedBody) {
        this.limits = limits;
        this.maxBufferedBody = maxBufferedBody;
        this.frames = new Http2FrameDecoder(limits.maxFrameSize());
        this.hpack = new HpackDecoder(limits.headerTableSize(), limits.maxHeaderListSize());
    }

    /** Whether new requests may go on this connection. */
    public boolean isAvailable() {
        return state == State.OPEN && isConnected() && streams.size() < peerMaxStreams && nextStreamId < Integer.MAX_VALUE - 2;
    }

    /** The streams in flight. */
    public int activeStreams() {
        return streams.size();
    }

    /** Fires once the connection is closed (for a pool that counts its connections). */
    public Deferred<Void> whenClosed() {
        if (state == State.CLOSED && !isConnected()) {
            return Deferred.succeed(null);
        }
        Deferred<Void> waiter = new Deferred<>();
        closeWaiters.add(waiter);
        return waiter;
    }

    /** OPEN → CLOSED when no stream is in flight: GOAWAY NO_ERROR (no server stream was taken) and the connection closes. */
    public boolean closeIfIdle() {
        if (state != State.OPEN || !streams.isEmpty() || !isConnected()) {
            return false;
        }
        state = State.CLOSED;
        transport().write(Http2FrameWriter.goAway(0, Http2ErrorCode.NO_ERROR, ""));
        transport().loseConnection();
        return true;
    }

    @Override
    public void connectionMade() {
        transport().registerProducer(this, true);
        int connectionWindow = (int) Math.min(MAX_WINDOW, (long) limits.initialWindowSize() * 16);
        transport().writeSequence(List.of(PREFACE,
                Http2FrameWriter.settings(Http2Payloads.ENABLE_PUSH, 0,
                        Http2Payloads.INITIAL_WINDOW_SIZE, limits.initialWindowSize(),
                        Http2Payloads.MAX_HEADER_LIST_SIZE, limits.maxHeaderListSize(),
                        Http2Payloads.HEADER_TABLE_SIZE, limits.headerTableSize()),
                Http2FrameWriter.windowUpdate(0, connectionWindow - 65_535)));
    }

    /**
     * Sends a request on a new stream; the Deferred fires with the response once its head is in.
     * Cancelling it before then resets the stream (RST_STREAM CANCEL); the connection goes on.
     */
    public Deferred<Response> request(String method, URI uri, Headers headers, BodyProducer body) {
        if (!isAvailable()) {
            return Deferred.fail(new ResponseNeverReceived("the HTTP/2 connection takes no more requests"));
        }
        int id = nextStreamId;
        nextStreamId += 2;
        ClientStream stream = new ClientStream(id, method, uri);
        streams.put(id, stream);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField(":method", method));
        fields.add(new HeaderField(":scheme", uri.getScheme().toLowerCase(Locale.ROOT)));
        fields.add(new HeaderField(":authority", uri.getRawAuthority()));
        fields.add(new HeaderField(":path", path));
        if (headers != null) {
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!CONNECTION_SPECIFIC.contains(lower) && !lower.equals("content-length")) {
                    fields.add(new HeaderField(lower, value));
                }
            });
        }
        if (body != null && body.length() >= 0) {
            fields.add(new HeaderField("content-length", Long.toString(body.length())));
        }
        transport().writeSequence(Http2FrameWriter.headers(id, encoder.encode(fields), body == null, peerMaxFrameSize));
        if (body != null) {
            stream.sendBody(body);
        }
        return stream.response;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == State.CLOSED) {
            return;
        }
        frames.feed(data);
        try {
            Http2Frame frame;
            while (state != State.CLOSED && (frame = frames.next()) != null) {
                frameReceived(frame);
            }
        } catch (Http2Exception e) {
            if (e.isConnectionError()) {
                fail(e.errorCode(), e.getMessage());
            } else {
                transport().write(Http2FrameWriter.rstStream(e.streamId(), e.errorCode()));
                ClientStream stream = streams.remove(e.streamId());
                if (stream != null) {
                    stream.failed(new ResponseFailed("stream error: " + e.getMessage()));
                }
            }
        } catch (HpackException e) {
            fail(Http2ErrorCode.COMPRESSION_ERROR, e.getMessage());
        }
    }

    private void frameReceived(Http2Frame frame) throws Http2Exception, HpackException {
        if (headerStream != 0 && frame.type() != Http2Frame.CONTINUATION) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "frame inside a header block");
        }
        switch (frame.type()) {
            case Http2Frame.HEADERS -> {
                headerStream = frame.streamId();
                headerEndStream = frame.has(Http2Frame.FLAG_END_STREAM);
                headerBlock.reset();
                appendBlock(Http2Payloads.headerBlock(frame));
                if (frame.has(Http2Frame.FLAG_END_HEADERS)) {
                    headersComplete();
                }
            }
            case Http2Frame.CONTINUATION -> {
                if (frame.streamId() != headerStream) {
                    throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "CONTINUATION without its HEADERS");
                }
                appendBlock(frame.payload());
                if (frame.has(Http2Frame.FLAG_END_HEADERS)) {
                    headersComplete();
                }
            }
            case Http2Frame.DATA -> dataFrame(frame);
            case Http2Frame.RST_STREAM -> {
                ClientStream stream = streams.remove(frame.streamId());
                if (stream != null) {
                    int code = Http2Payloads.int31(frame);
                    stream.failed(code == Http2ErrorCode.REFUSED_STREAM
                            ? new ResponseNeverReceived("the server refused the stream")
                            : new ResponseFailed("the server reset the stream (" + code + ")"));
                }
            }
            case Http2Frame.SETTINGS -> settings(frame);
            case Http2Frame.PING -> {
                if (!frame.has(Http2Frame.FLAG_ACK)) {
                    transport().write(Http2FrameWriter.pingAck(frame.payload()));
                }
            }
            case Http2Frame.GOAWAY -> goAway(frame);
            case Http2Frame.WINDOW_UPDATE -> windowUpdate(frame);
            case Http2Frame.PUSH_PROMISE -> throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE with push disabled");
            default -> {
                // Section 5.5: unknown types and PRIORITY are ignored.
            }
        }
    }

    private void appendBlock(byte[] fragment) throws Http2Exception {
        if (headerBlock.size() + fragment.length > limits.maxHeaderBlockSize()) {
            throw Http2Exception.connection(Http2ErrorCode.ENHANCE_YOUR_CALM, "header block too large");
        }
        headerBlock.writeBytes(fragment);
    }

    private void headersComplete() throws HpackException, Http2Exception {
        int id = headerStream;
        headerStream = 0;
        HpackDecoder.Result result = hpack.decode(headerBlock.toByteArray());
        ClientStream stream = streams.get(id);
        if (stream == null) {
            return;
        }
        if (result.tooLarge()) {
            throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "response headers over the limit");
        }
        stream.headers(result.fields(), headerEndStream);
    }

    private void dataFrame(Http2Frame frame) throws Http2Exception {
        int length = frame.payload().length;
        connectionCredit += length;
        if (connectionCredit >= limits.initialWindowSize()) {
            transport().write(Http2FrameWriter.windowUpdate(0, connectionCredit));
            connectionCredit = 0;
        }
        ClientStream stream = streams.get(frame.streamId());
        if (stream == null) {
            return;
        }
        stream.data(Http2Payloads.data(frame), length, frame.has(Http2Frame.FLAG_END_STREAM));
    }

    private void settings(Http2Frame frame) throws Http2Exception {
        Http2Payloads.check(frame);
        if (frame.has(Http2Frame.FLAG_ACK)) {
            return;
        }
        for (Map.Entry<Integer, Long> setting : Http2Payloads.settings(frame).entrySet()) {
            long value = setting.getValue();
            switch (setting.getKey()) {
                case Http2Payloads.INITIAL_WINDOW_SIZE -> {
                    long delta = value - peerInitialWindow;
                    peerInitialWindow = (int) value;
                    for (ClientStream stream : streams.values()) {
                        stream.sendWindow += delta;
                    }
                }
                case Http2Payloads.MAX_FRAME_SIZE -> peerMaxFrameSize = (int) value;
                case Http2Payloads.MAX_CONCURRENT_STREAMS -> peerMaxStreams = (int) Math.min(Integer.MAX_VALUE, value);
                case Http2Payloads.HEADER_TABLE_SIZE -> encoder.tableSizeChanged();
                default -> {
                }
            }
        }
        transport().write(Http2FrameWriter.settingsAck());
        flushAll();
    }

    private void goAway(Http2Frame frame) {
        int last = Http2Payloads.int31(frame);
        state = State.GOING_AWAY;
        for (ClientStream stream : new ArrayList<>(streams.values())) {
            if (stream.id > last) {
                streams.remove(stream.id);
                stream.failed(new ResponseNeverReceived("the server went away before stream " + stream.id));
            }
        }
        if (streams.isEmpty()) {
            state = State.CLOSED;
            transport().loseConnection();
        }
    }

    private void windowUpdate(Http2Frame frame) throws Http2Exception {
        Http2Payloads.check(frame);
        int increment = Http2Payloads.int31(frame);
        if (frame.streamId() == 0) {
            connectionSendWindow += increment;
            if (connectionSendWindow > MAX_WINDOW) {
                throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "connection window over 2^31-1");
            }
            flushAll();
            return;
        }
        ClientStream stream = streams.get(frame.streamId());
        if (stream != null) {
            stream.sendWindow += increment;
            stream.flush();
        }
    }

    private void flushAll() {
        for (ClientStream stream : new ArrayList<>(streams.values())) {
            stream.flush();
        }
    }

    private void fail(int code, String why) {
        log.info("HTTP/2 connection error from the server {} (code {}): {}", transport().getPeer(), code, why);
        transport().write(Http2FrameWriter.goAway(0, code, why));
        state = State.CLOSED;
        transport().loseConnection();
    }

    private void streamDone(ClientStream stream) {
        streams.remove(stream.id, stream);
        if (state == State.GOING_AWAY && streams.isEmpty()) {
            state = State.CLOSED;
            transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = State.CLOSED;
        for (ClientStream stream : new ArrayList<>(streams.values())) {
            stream.failed(new ResponseFailed("the connection was lost: " + reason.getErrorMessage()));
        }
        streams.clear();
        List<Deferred<Void>> waiters = new ArrayList<>(closeWaiters);
        closeWaiters.clear();
        waiters.forEach(waiter -> waiter.callback(null));
    }

    @Override
    public void pauseProducing() {
        outputPaused = true;
    }

    @Override
    public void resumeProducing() {
        if (outputPaused) {
            outputPaused = false;
            flushAll();
        }
    }

    @Override
    public void stopProducing() {
    }

    /** One request and its response. */
    private final class ClientStream implements PushProducer, Consumer {
        final int id;
        final String method;
        final URI uri;
        final Deferred<Response> response = new Deferred<>(cancelled -> cancel());
        long sendWindow = peerInitialWindow;
        private BodyPipe body;
        private boolean readingPaused;
        private int credit;
        private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
        private long outgoingBytes;
        private boolean bodyEnded;
        private BodyProducer producer;
        private boolean producerPaused;

        ClientStream(int id, String method, URI uri) {
            this.id = id;
            this.method = method;
            this.uri = uri;
        }

        void headers(List<HeaderField> fields, boolean endStream) throws Http2Exception {
            if (body != null) {
                // Trailers end the body.
                body.end(Failure.of(new ResponseDone("response body complete")));
                streamDone(this);
                return;
            }
            String status = null;
            Headers headers = new Headers();
            for (HeaderField field : fields) {
                if (field.name().equals(":status")) {
                    status = field.value();
                } else if (!field.name().startsWith(":")) {
                    headers.add(field.name(), field.value());
                }
            }
            if (status == null || status.length() != 3 || !status.chars().allMatch(Character::isDigit)) {
                throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "no valid :status");
            }
            int code = Integer.parseInt(status);
            if (code < 200) {
                return;
            }
            body = new BodyPipe(this, transport(), maxBufferedBody);
            response.callback(new Response("HTTP/2", code, HttpStatus.reason(code), headers, method, uri, body::deliverTo));
            if (endStream) {
                body.end(Failure.of(new ResponseDone("response body complete")));
                streamDone(this);
            }
        }

        void data(byte[] data, int flowControlled, boolean endStream) {
            if (body == null) {
                return;
            }
            if (data.length > 0) {
                body.data(data);
            }
            credit += flowControlled;
            if (endStream) {
                body.end(Failure.of(new ResponseDone("response body complete")));
                streamDone(this);
                return;
            }
            returnCredit();
        }

        private void returnCredit() {
            if (!readingPaused && credit >= limits.initialWindowSize() / 2 && streams.get(id) == this) {
                transport().write(Http2FrameWriter.windowUpdate(id, credit));
                credit = 0;
            }
        }

        /** The response is no longer wanted before its head came: the server is told to stop (RST_STREAM CANCEL, RFC 9113 section 7). */
        private void cancel() {
            if (streams.remove(id, this) && state != State.CLOSED) {
                transport().write(Http2FrameWriter.rstStream(id, Http2ErrorCode.CANCEL));
                if (producer != null) {
                    producer.stopProducing();
                    producer = null;
                }
                streamDone(this);
            }
        }

        void failed(Exception error) {
            if (!response.isCalled()) {
                response.errback(Failure.of(error));
            } else if (body != null) {
                body.end(Failure.of(error));
            }
            if (producer != null) {
                producer.stopProducing();
            }
        }

        // ---- the request body, out

        void sendBody(BodyProducer bodyProducer) {
            producer = bodyProducer;
            bodyProducer.startProducing(this).addCallbacks(done -> {
                bodyEnded = true;
                flush();
                return null;
            }, failure -> {
                transport().write(Http2FrameWriter.rstStream(id, Http2ErrorCode.CANCEL));
                streams.remove(id);
                failed(new ResponseFailed("the request body failed: " + failure.getErrorMessage()));
                return null;
            });
        }

        @Override
        public void write(byte[] data) {
            if (data.length == 0) {
                return;
            }
            outgoing.add(data);
            outgoingBytes += data.length;
            flush();
            if (outgoingBytes > limits.maxBufferedOutput() && !producerPaused && producer != null) {
                producerPaused = true;
                producer.pauseProducing();
            }
        }

        void flush() {
            if (state == State.CLOSED || outputPaused) {
                return;
            }
            List<byte[]> out = new ArrayList<>();
            while (!outgoing.isEmpty() && sendWindow > 0 && connectionSendWindow > 0) {
                byte[] head = outgoing.poll();
                int max = (int) Math.min(Math.min(sendWindow, connectionSendWindow), peerMaxFrameSize);
                byte[] piece = head;
                if (head.length > max) {
                    piece = Arrays.copyOf(head, max);
                    outgoing.addFirst(Arrays.copyOfRange(head, max, head.length));
                }
                outgoingBytes -= piece.length;
                sendWindow -= piece.length;
                connectionSendWindow -= piece.length;
                boolean last = bodyEnded && outgoing.isEmpty();
                out.add(Http2FrameWriter.frame(Http2Frame.DATA, last ? Http2Frame.FLAG_END_STREAM : 0, id, piece));
                if (last) {
                    bodyEnded = false;
                    producer = null;
                }
            }
            if (bodyEnded && outgoing.isEmpty()) {
                out.add(Http2FrameWriter.frame(Http2Frame.DATA, Http2Frame.FLAG_END_STREAM, id, new byte[0]));
                bodyEnded = false;
                producer = null;
            }
            if (!out.isEmpty()) {
                transport().writeSequence(out);
            }
            if (producerPaused && outgoingBytes <= limits.maxBufferedOutput() / 2 && producer != null) {
                producerPaused = false;
                producer.resumeProducing();
            }
        }

        @Override
        public void registerProducer(Producer newProducer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }

        // ---- the response body's reader steers this stream's window

        @Override
        public void pauseProducing() {
            readingPaused = true;
        }

        @Override
        public void resumeProducing() {
            readingPaused = false;
            returnCredit();
        }

        @Override
        public void stopProducing() {
            if (streams.remove(id) != null) {
                transport().write(Http2FrameWriter.rstStream(id, Http2ErrorCode.CANCEL));
            }
        }
    }
}
