package dev.torsion.http.h2.server;

import dev.torsion.defer.Failure;
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
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.RequestHandler;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.server.SessionManager;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one HTTP/2 connection (RFC 9113): reads the client's preface and frames,
 * keeps HPACK's tables, flow control both ways, and serves each stream through an
 * {@link Http2Stream} (read by a channel of the same site, so one {@code Resource} tree serves both
 * protocols; the answer comes back from its {@code Request} as HEADERS and DATA).
 *
 * <p>Each read is answered as one batch ({@link ReadBatch}): the frames of every stream answered in
 * it leave in one write at its end, the streams' channels hear of their ends there, and the timers
 * they set are scheduled on the reactor only if still wanted then.
 *
 * <p>Errors: a connection error sends GOAWAY with its code and closes (lingering, when the error is
 * in what the client sent, so that its frames still in flight do not earn a reset that destroys the
 * GOAWAY); a stream error resets that
 * stream only (section 5.4). Defences, each with its answer (see {@link Http2Limits}): streams over
 * the limit are refused (REFUSED_STREAM); a header list over its limit is answered 431; a header
 * block over its size across CONTINUATION frames, more resets of unanswered streams than the
 * rapid-reset limit, or more control frames than the flood limit within the window, are GOAWAY
 * ENHANCE_YOUR_CALM; SETTINGS not acknowledged in time, GOAWAY SETTINGS_TIMEOUT.
 *
 * <p>{@link #shutdown()} sends GOAWAY NO_ERROR with the last stream taken, lets the streams in
 * flight finish (within {@link Http2Limits#shutdownGrace()}), then closes.
 */
public final class Http2Connection extends Protocol implements PushProducer {
    private static final Logger log = LoggerFactory.getLogger(Http2Connection.class);
    /** Section 3.4: the client connection preface. */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DEFAULT_WINDOW = 65_535;
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long MAX_WINDOW = Integer.MAX_VALUE;
    private static final int MAX_REMEMBERED_NAMES = 64;

    /** The connection's life. */
    enum State {
        /** Waiting for the client's preface. */
        PREFACE,
        /** The preface is in; its SETTINGS must come first (section 3.4). */
        AWAITING_SETTINGS,
        /** Streams are served. */
        OPEN,
        /** GOAWAY sent: the streams in flight finish, no new ones are taken. */
        GOING_AWAY,
        /** Closing or closed. */
        CLOSED
    }

    private final RequestHandler handler;
    private final ServerConfig config;
    private final Http2Limits limits;
    private final Clock clock;
    private final boolean secure;
    private final SessionManager sessions;
    private final Http2FrameDecoder frames;
    private final HpackDecoder hpack;
    private final HpackEncoder encoder = new HpackEncoder();
    private final Map<Integer, Http2Stream> streams = new LinkedHashMap<>();
    /** What a read gathers: the frames written, the notices to run after it, the streams' timers. */
    private final ReadBatch batch;
    /** The answers' field names lower-cased (section 8.2), each once per connection: a site sends the same few. */
    private final Map<String, String> fieldNames = new HashMap<>();

    private State state = State.PREFACE;
    private final byte[] preface = new byte[PREFACE.length];
    private int prefaceFilled;
    private int lastStreamId;
    private int peerInitialWindow = DEFAULT_WINDOW;
    private int peerMaxFrameSize = 16_384;
    private long connectionSendWindow = DEFAULT_WINDOW;
    private long connectionReceiveWindow;
    private int connectionCredit;
    private final int connectionWindow;

    private int headerStream;
    private boolean headerEndStream;
    private boolean headerSelfDependent;
    private final ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();

    private long floodWindowStart;
    private int resets;
    private int controlFrames;

    private boolean outputPaused;
    private boolean processing;
    private DelayedCall settingsTimer;
    /** The preface or idle deadline ({@link #NO_DEADLINE} while streams are open), and its lazily re-armed timer. */
    private long idleDeadline = NO_DEADLINE;
    private DelayedCall idleTimer;
    private DelayedCall graceTimer;
    /** h2c (RFC 7540 section 3.2): the client's HTTP2-Settings and the upgraded request, served as stream 1 once connected. */
    private Map<Integer, Long> upgradeSettings;
    private List<HeaderField> upgradeRequest;

    /** A connection serving {@code handler}'s site with its {@code config} and these HTTP/2 {@code limits}. */
    public Http2Connection(RequestHandler handler, ServerConfig config, Http2Limits limits, Clock clock, boolean secure,
            SessionManager sessions) {
        this.handler = handler;
        this.config = config;
        this.limits = limits;
        this.clock = clock;
        this.secure = secure;
        this.sessions = sessions;
        this.frames = new Http2FrameDecoder(limits.maxFrameSize());
        this.hpack = new HpackDecoder(limits.headerTableSize(), limits.maxHeaderListSize());
        this.connectionWindow = (int) Math.min(MAX_WINDOW, (long) limits.initialWindowSize() * Math.min(16, limits.maxConcurrentStreams()));
        this.connectionReceiveWindow = DEFAULT_WINDOW;
        this.batch = new ReadBatch(clock);
    }

    Http2Limits limits() {
        return limits;
    }

    /** {@code name} lower-cased, as HTTP/2 sends it; the names seen are remembered, up to {@value #MAX_REMEMBERED_NAMES}. */
    String fieldName(String name) {
        String lower = fieldNames.get(name);
        if (lower == null) {
            lower = name.toLowerCase(Locale.ROOT);
            if (fieldNames.size() < MAX_REMEMBERED_NAMES) {
                fieldNames.put(name, lower);
            }
        }
        return lower;
    }

    /** Where the connection is (for tests). */
    State state() {
        return state;
    }

    /** The streams open now (for tests). */
    int openStreams() {
        return streams.size();
    }

    /** Section 3.4 and 6.5: this side's SETTINGS go first, then the connection window is opened wide. */
    @Override
    public void connectionMade() {
        batch.attach(transport());
        boolean began = batch.begin();
        try {
            sendPrefaceAndServeUpgrade();
        } finally {
            if (began) {
                batch.end();
            }
        }
    }

    private void sendPrefaceAndServeUpgrade() {
        transport().registerProducer(this, true);
        List<byte[]> out = new ArrayList<>(2);
        out.add(Http2FrameWriter.settings(
                Http2Payloads.MAX_CONCURRENT_STREAMS, limits.maxConcurrentStreams(),
                Http2Payloads.INITIAL_WINDOW_SIZE, limits.initialWindowSize(),
                Http2Payloads.MAX_FRAME_SIZE, limits.maxFrameSize(),
                Http2Payloads.MAX_HEADER_LIST_SIZE, limits.maxHeaderListSize(),
                Http2Payloads.HEADER_TABLE_SIZE, limits.headerTableSize(),
                Http2Payloads.ENABLE_PUSH, 0));
        if (connectionWindow > DEFAULT_WINDOW) {
            out.add(Http2FrameWriter.windowUpdate(0, connectionWindow - DEFAULT_WINDOW));
            connectionReceiveWindow = connectionWindow;
        }
        batch.write(out);
        settingsTimer = clock.callLater(limits.settingsTimeout(), this::settingsTimedOut);
        floodWindowStart = clock.nanoTime();
        arm(limits.prefaceTimeout());
        if (upgradeRequest != null) {
            startUpgradedStream();
        }
    }

    /**
     * Makes this connection the continuation of an HTTP/1.1 one that the client upgraded to h2c
     * (RFC 7540 section 3.2; RFC 9113 deprecates the upgrade, but curl {@code --http2} on http://
     * still asks for it): once connected (after the 101), the client's {@code HTTP2-Settings} are
     * applied as if received in a SETTINGS frame, and {@code request} is served as stream 1,
     * half-closed by the client; its answer goes out once the client's preface and SETTINGS are
     * in. Call before {@code makeConnection}.
     */
    void continueUpgrade(Map<Integer, Long> clientSettings, List<HeaderField> request) {
        this.upgradeSettings = clientSettings;
        this.upgradeRequest = request;
    }

    private void startUpgradedStream() {
        List<HeaderField> request = upgradeRequest;
        upgradeRequest = null;
        try {
            for (Map.Entry<Integer, Long> setting : upgradeSettings.entrySet()) {
                applySetting(setting.getKey(), setting.getValue());
            }
            lastStreamId = 1;
            openStream(1, RequestHeaders.decode(1, request), true);
        } catch (Http2Exception e) {
            if (e.isConnectionError()) {
                connectionError(e);
            } else {
                streamError(e);
            }
        }
        if (state == State.PREFACE) {
            // Stream 1 is no reason to wait for ever for a client that never sends its preface.
            arm(limits.prefaceTimeout());
        }
    }

    /** Everything one read brings is answered with one write, at its end (see {@link ReadBatch}). */
    @Override
    public void dataReceived(byte[] data) {
        if (state == State.CLOSED) {
            return;
        }
        boolean began = batch.begin();
        try {
            read(data);
        } finally {
            if (began) {
                batch.end();
            }
        }
    }

    private void read(byte[] data) {
        int offset = 0;
        if (state == State.PREFACE) {
            offset = readPreface(data);
            if (state == State.PREFACE || state == State.CLOSED) {
                return;
            }
        }
        frames.feed(offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length));
        process();
    }

    /** Section 3.4: the 24 octets of the preface, compared as they come. */
    private int readPreface(byte[] data) {
        int take = Math.min(data.length, PREFACE.length - prefaceFilled);
        System.arraycopy(data, 0, preface, prefaceFilled, take);
        for (int i = prefaceFilled; i < prefaceFilled + take; i++) {
            if (preface[i] != PREFACE[i]) {
                prefaceFilled += take;
                connectionError(Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "invalid connection preface"));
                return data.length;
            }
        }
        prefaceFilled += take;
        if (prefaceFilled == PREFACE.length) {
            state = State.AWAITING_SETTINGS;
            arm(limits.idleTimeout());
        }
        return take;
    }

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (state != State.CLOSED) {
                Http2Frame frame;
                try {
                    frame = frames.next();
                    if (frame == null) {
                        break;
                    }
                    frameReceived(frame);
                } catch (Http2Exception e) {
                    if (e.isConnectionError()) {
                        connectionError(e);
                    } else {
                        streamError(e);
                    }
                }
            }
        } catch (HpackException e) {
            connectionError(Http2Exception.connection(Http2ErrorCode.COMPRESSION_ERROR, e.getMessage()));
        } catch (RuntimeException e) {
            log.error("HTTP/2 connection from {} failed", transport().getPeer(), e);
            connectionError(Http2Exception.connection(Http2ErrorCode.INTERNAL_ERROR, "internal error"));
        } finally {
            processing = false;
        }
    }

    private void frameReceived(Http2Frame frame) throws Http2Exception, HpackException {
        Http2Payloads.check(frame);
        if (headerStream != 0 && frame.type() != Http2Frame.CONTINUATION) {
            // Section 6.10: nothing may come between HEADERS and its last CONTINUATION.
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "frame type " + frame.type() + " inside a header block");
        }
        if (state == State.AWAITING_SETTINGS && frame.type() != Http2Frame.SETTINGS) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "the preface is not followed by SETTINGS");
        }
        switch (frame.type()) {
            case Http2Frame.HEADERS -> headersReceived(frame);
            case Http2Frame.CONTINUATION -> continuationReceived(frame);
            case Http2Frame.DATA -> dataFrameReceived(frame);
            case Http2Frame.RST_STREAM -> resetReceived(frame);
            case Http2Frame.SETTINGS -> settingsReceived(frame);
            case Http2Frame.PING -> pingReceived(frame);
            case Http2Frame.GOAWAY -> goAwayReceived();
            case Http2Frame.WINDOW_UPDATE -> windowUpdateReceived(frame);
            case Http2Frame.PRIORITY -> {
                countControlFrame();
                Http2Payloads.priority(frame);
            }
            default -> countControlFrame();
        }
    }

    // ---------------------------------------------------------------- header blocks

    private void headersReceived(Http2Frame frame) throws Http2Exception, HpackException {
        int id = frame.streamId();
        Http2Stream existing = streams.get(id);
        if (existing == null) {
            if (id <= lastStreamId) {
                // Section 5.1: a closed stream cannot be opened again.
                throw Http2Exception.connection(Http2ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id);
            }
            if ((id & 1) == 0) {
                // Section 5.1.1: streams a client opens have odd numbers.
                throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "client stream " + id + " is even");
            }
        }
        headerStream = id;
        headerEndStream = frame.has(Http2Frame.FLAG_END_STREAM);
        headerSelfDependent = Http2Payloads.dependsOnItself(frame);
        headerBlock.reset();
        appendHeaderBlock(Http2Payloads.headerBlock(frame));
        if (frame.has(Http2Frame.FLAG_END_HEADERS)) {
            headerBlockComplete();
        }
    }

    private void continuationReceived(Http2Frame frame) throws Http2Exception, HpackException {
        if (headerStream == 0 || frame.streamId() != headerStream) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "CONTINUATION without its HEADERS");
        }
        if (frame.payload().length == 0 && !frame.has(Http2Frame.FLAG_END_HEADERS)) {
            countControlFrame();
        }
        appendHeaderBlock(frame.payload());
        if (frame.has(Http2Frame.FLAG_END_HEADERS)) {
            headerBlockComplete();
        }
    }

    /** The CONTINUATION flood (2024): a header block may not grow past its limit, however it is cut. */
    private void appendHeaderBlock(byte[] fragment) throws Http2Exception {
        if (headerBlock.size() + fragment.length > limits.maxHeaderBlockSize()) {
            throw Http2Exception.connection(Http2ErrorCode.ENHANCE_YOUR_CALM,
                    "header block over " + limits.maxHeaderBlockSize() + " octets");
        }
        headerBlock.writeBytes(fragment);
    }

    private void headerBlockComplete() throws Http2Exception, HpackException {
        int id = headerStream;
        headerStream = 0;
        // Decoded first, whatever becomes of the stream: HPACK's table must stay in step (RFC 7541 section 2.2).
        HpackDecoder.Result result = hpack.decode(headerBlock.toByteArray());
        Http2Stream existing = streams.get(id);
        if (existing != null) {
            if (!headerEndStream) {
                throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM");
            }
            if (result.tooLarge()) {
                throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "trailers over the header list limit");
            }
            existing.trailers(RequestHeaders.trailers(id, result.fields()));
            return;
        }
        lastStreamId = id;
        if (state != State.OPEN) {
            throw Http2Exception.stream(id, Http2ErrorCode.REFUSED_STREAM, "the connection is going away");
        }
        if (headerSelfDependent) {
            throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
        }
        if (streams.size() >= limits.maxConcurrentStreams()) {
            // Section 5.1.2: over SETTINGS_MAX_CONCURRENT_STREAMS.
            throw Http2Exception.stream(id, Http2ErrorCode.REFUSED_STREAM, "over " + limits.maxConcurrentStreams() + " streams");
        }
        if (result.tooLarge()) {
            answerDirectly(id, 431, headerEndStream);
            return;
        }
        openStream(id, RequestHeaders.decode(id, result.fields()), headerEndStream);
    }

    /** A new stream, its request given to a channel of the site (the one dispatch path of both versions). */
    private void openStream(int id, RequestHeaders.Decoded request, boolean endStream) {
        HttpChannel channel = new HttpChannel(handler, config, batch, secure, sessions);
        Http2Stream stream = new Http2Stream(id, this, channel, peerInitialWindow, limits.initialWindowSize());
        streams.put(id, stream);
        idleDeadline = NO_DEADLINE;
        stream.start(request, endStream);
    }

    /** A stream answered here without the site: 431 for a header-list bomb. */
    private void answerDirectly(int id, int status, boolean requestEnded) {
        List<byte[]> out = new ArrayList<>(Http2FrameWriter.headers(id,
                encoder.encode(List.of(new HeaderField(":status", Integer.toString(status)), new HeaderField("content-length", "0"))),
                true, peerMaxFrameSize));
        if (!requestEnded) {
            out.add(Http2FrameWriter.rstStream(id, Http2ErrorCode.NO_ERROR));
        }
        batch.write(out);
    }

    // ---------------------------------------------------------------- DATA and flow control

    private void dataFrameReceived(Http2Frame frame) throws Http2Exception {
        int id = frame.streamId();
        int length = frame.payload().length;
        // Section 6.9.1: the whole frame, padding included, counts against the connection's window.
        connectionReceiveWindow -= length;
        if (connectionReceiveWindow < 0) {
            throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "DATA past the connection's window");
        }
        returnConnectionCredit(length);
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            if (id > lastStreamId) {
                throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "DATA on idle stream " + id);
            }
            throw Http2Exception.stream(id, Http2ErrorCode.STREAM_CLOSED, "DATA on closed stream " + id);
        }
        stream.receiveWindow -= length;
        if (stream.receiveWindow < 0) {
            throw Http2Exception.stream(id, Http2ErrorCode.FLOW_CONTROL_ERROR, "DATA past the stream's window");
        }
        byte[] data = Http2Payloads.data(frame);
        boolean end = frame.has(Http2Frame.FLAG_END_STREAM);
        if (data.length == 0 && !end) {
            countControlFrame();
        }
        stream.data(data, end);
        if (streams.get(id) == stream) {
            int credit = stream.consumed(length);
            if (credit > 0) {
                sendWindowUpdate(id, credit);
            }
        }
    }

    private void returnConnectionCredit(int length) {
        connectionCredit += length;
        if (connectionCredit >= connectionWindow / 2) {
            batch.write(Http2FrameWriter.windowUpdate(0, connectionCredit));
            connectionReceiveWindow += connectionCredit;
            connectionCredit = 0;
        }
    }

    /** The stream credit returned once this much is consumed: half the window. */
    int windowThreshold() {
        return limits.initialWindowSize() / 2;
    }

    void sendWindowUpdate(int id, int credit) {
        if (state != State.CLOSED) {
            batch.write(Http2FrameWriter.windowUpdate(id, credit));
        }
    }

    private void windowUpdateReceived(Http2Frame frame) throws Http2Exception {
        countControlFrame();
        int id = frame.streamId();
        int increment = Http2Payloads.int31(frame);
        if (increment == 0) {
            // Section 6.9: an increment of 0 is a PROTOCOL_ERROR, of the stream or the connection.
            throw id == 0 ? Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0")
                    : Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
        }
        if (id == 0) {
            connectionSendWindow += increment;
            if (connectionSendWindow > MAX_WINDOW) {
                throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "connection window over 2^31-1");
            }
            flushAll();
            return;
        }
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            if (id > lastStreamId) {
                throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + id);
            }
            return;
        }
        stream.sendWindow += increment;
        if (stream.sendWindow > MAX_WINDOW) {
            throw Http2Exception.stream(id, Http2ErrorCode.FLOW_CONTROL_ERROR, "stream window over 2^31-1");
        }
        flushStream(stream);
    }

    // ---------------------------------------------------------------- sending answers

    void sendHeaders(Http2Stream stream, List<HeaderField> fields, boolean endStream) {
        batch.write(Http2FrameWriter.headers(stream.id(), encoder.encode(fields), endStream, peerMaxFrameSize));
    }

    /** Sends what the stream has within the windows (section 5.2), and its end. */
    void flushStream(Http2Stream stream) {
        if (state == State.CLOSED || streams.get(stream.id()) != stream) {
            return;
        }
        if (state == State.PREFACE) {
            // h2c: stream 1's answer waits for the client's preface and SETTINGS. A client may read
            // what follows the 101 into a fixed buffer before it speaks HTTP/2 (curl 7.88: 32 KiB,
            // "connection buffer size is too small"), and the server's SETTINGS are all it needs then.
            return;
        }
        List<byte[]> out = new ArrayList<>();
        if (stream.hasResponseHeaders()) {
            boolean headersOnly = stream.isAnswered() && stream.pendingBytes() == 0;
            List<HeaderField> trailers = headersOnly ? stream.takeTrailers() : null;
            out.addAll(Http2FrameWriter.headers(stream.id(), encoder.encode(stream.takeResponseHeaders()),
                    headersOnly && trailers == null, peerMaxFrameSize));
            if (headersOnly) {
                if (trailers != null) {
                    out.addAll(Http2FrameWriter.headers(stream.id(), encoder.encode(trailers), true, peerMaxFrameSize));
                }
                finish(stream, out);
                return;
            }
        }
        while (!outputPaused && stream.pendingBytes() > 0 && stream.sendWindow > 0 && connectionSendWindow > 0) {
            int max = (int) Math.min(Math.min(stream.sendWindow, connectionSendWindow), peerMaxFrameSize);
            byte[] data = stream.takePending(max);
            stream.sendWindow -= data.length;
            connectionSendWindow -= data.length;
            boolean last = stream.readyToEnd() && !stream.hasTrailers();
            out.add(Http2FrameWriter.frame(Http2Frame.DATA, last ? Http2Frame.FLAG_END_STREAM : 0, stream.id(), data));
            if (last) {
                finish(stream, out);
                return;
            }
        }
        if (stream.readyToEnd() && !outputPaused) {
            List<HeaderField> trailers = stream.takeTrailers();
            if (trailers != null) {
                out.addAll(Http2FrameWriter.headers(stream.id(), encoder.encode(trailers), true, peerMaxFrameSize));
            } else {
                out.add(Http2FrameWriter.frame(Http2Frame.DATA, Http2Frame.FLAG_END_STREAM, stream.id(), new byte[0]));
            }
            finish(stream, out);
            return;
        }
        if (!out.isEmpty()) {
            batch.write(out);
        }
        stream.drained();
    }

    private void finish(Http2Stream stream, List<byte[]> out) {
        batch.write(out);
        stream.answerSent();
    }

    private void flushAll() {
        for (Http2Stream stream : new ArrayList<>(streams.values())) {
            flushStream(stream);
        }
    }

    /** Section 8.1: answered while the client still sends; RST_STREAM NO_ERROR tells it to stop. */
    void resetAfterAnswer(Http2Stream stream) {
        batch.write(Http2FrameWriter.rstStream(stream.id(), Http2ErrorCode.NO_ERROR));
        stream.reset();
    }

    // ---------------------------------------------------------------- resets, settings, ping, goaway

    private void resetReceived(Http2Frame frame) throws Http2Exception {
        int id = frame.streamId();
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            if (id > lastStreamId) {
                throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream " + id);
            }
            return;
        }
        if (!stream.isAnswered()) {
            countReset();
        }
        stream.reset();
    }

    /** CVE-2023-44487: streams opened and reset before their answer, over the limit in the window. */
    private void countReset() throws Http2Exception {
        rollFloodWindow();
        if (++resets > limits.maxResetsPerWindow()) {
            throw Http2Exception.connection(Http2ErrorCode.ENHANCE_YOUR_CALM, "too many streams reset (rapid reset)");
        }
    }

    /** The 2019 floods: PING, SETTINGS, PRIORITY, WINDOW_UPDATE, empty frames, unknown types. */
    private void countControlFrame() throws Http2Exception {
        rollFloodWindow();
        if (++controlFrames > limits.maxControlFramesPerWindow()) {
            throw Http2Exception.connection(Http2ErrorCode.ENHANCE_YOUR_CALM, "too many control frames");
        }
    }

    private void rollFloodWindow() {
        long now = clock.nanoTime();
        if (now - floodWindowStart >= limits.floodWindow().toNanos()) {
            floodWindowStart = now;
            resets = 0;
            controlFrames = 0;
        }
    }

    private void settingsReceived(Http2Frame frame) throws Http2Exception {
        countControlFrame();
        if (frame.has(Http2Frame.FLAG_ACK)) {
            if (settingsTimer != null && settingsTimer.active()) {
                settingsTimer.cancel();
            }
            return;
        }
        for (Map.Entry<Integer, Long> setting : Http2Payloads.settings(frame).entrySet()) {
            applySetting(setting.getKey(), setting.getValue());
        }
        batch.write(Http2FrameWriter.settingsAck());
        if (state == State.AWAITING_SETTINGS) {
            state = State.OPEN;
        }
        flushAll();
    }

    private void applySetting(int id, long value) throws Http2Exception {
        switch (id) {
            case Http2Payloads.INITIAL_WINDOW_SIZE -> initialWindowChanged((int) value);
            case Http2Payloads.MAX_FRAME_SIZE -> peerMaxFrameSize = (int) value;
            case Http2Payloads.HEADER_TABLE_SIZE -> encoder.tableSizeChanged();
            default -> {
                // MAX_CONCURRENT_STREAMS and ENABLE_PUSH bind a pushing server; this one never pushes.
            }
        }
    }

    /** Section 6.9.2: a new initial window moves every stream's send window by the difference. */
    private void initialWindowChanged(int value) throws Http2Exception {
        long delta = (long) value - peerInitialWindow;
        peerInitialWindow = value;
        for (Http2Stream stream : streams.values()) {
            stream.sendWindow += delta;
            if (stream.sendWindow > MAX_WINDOW) {
                throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "a stream window over 2^31-1");
            }
        }
    }

    private void pingReceived(Http2Frame frame) throws Http2Exception {
        countControlFrame();
        if (!frame.has(Http2Frame.FLAG_ACK)) {
            batch.write(Http2FrameWriter.pingAck(frame.payload()));
        }
    }

    /** The client goes away: no new streams; those in flight finish. */
    private void goAwayReceived() {
        if (state == State.OPEN || state == State.AWAITING_SETTINGS) {
            state = State.GOING_AWAY;
        }
        closeWhenIdle();
    }

    /** Any state → GOING_AWAY: GOAWAY NO_ERROR with the last stream taken; the streams in flight finish, then the connection closes. */
    public void shutdown() {
        if (state == State.CLOSED || state == State.GOING_AWAY) {
            return;
        }
        state = State.GOING_AWAY;
        batch.write(Http2FrameWriter.goAway(lastStreamId, Http2ErrorCode.NO_ERROR, ""));
        cancelConnectionTimer();
        graceTimer = clock.callLater(limits.shutdownGrace(), this::close);
        closeWhenIdle();
    }

    private void closeWhenIdle() {
        if (state == State.GOING_AWAY && streams.isEmpty()) {
            close();
        }
    }

    private void close() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            cancelConnectionTimer();
            batch.shut();
            transport().loseConnection();
        }
    }

    /** Section 5.4.1: GOAWAY with the error, then the connection closes. */
    void connectionError(Http2Exception e) {
        if (state == State.CLOSED) {
            return;
        }
        log.info("HTTP/2 connection error with {} (code {}): {}", transport().getPeer(), e.errorCode(), e.getMessage());
        batch.write(Http2FrameWriter.goAway(lastStreamId, e.errorCode(), e.getMessage()));
        if (batch.isOpen()) {
            // Found in what the client sent: more of it may be on its way.
            closeLingering();
        } else {
            close();
        }
    }

    /**
     * → CLOSED after a connection error: the GOAWAY goes out and this side's sending is shut, while
     * what the client still sends is read and dropped for up to the site's linger timeout (or until
     * the client closes), then the connection closes. Closing at once with the client's frames
     * unread would have the kernel answer them with a reset, which can destroy the GOAWAY before the
     * client reads it: a rapid-reset client sending hundreds of frames at once would see
     * "connection reset" instead of ENHANCE_YOUR_CALM.
     */
    private void closeLingering() {
        if (state == State.CLOSED) {
            return;
        }
        if (!(transport() instanceof HalfCloseableTransport halfClose)) {
            close();
            return;
        }
        state = State.CLOSED;
        cancelConnectionTimer();
        batch.shut();
        halfClose.loseWriteConnection();
        graceTimer = clock.callLater(config.lingerTimeout(), () -> transport().loseConnection());
    }

    /** Section 5.4.2: RST_STREAM with the error; the stream ends, the connection goes on. */
    void streamError(Http2Exception e) {
        if (e.errorCode() == Http2ErrorCode.PROTOCOL_ERROR) {
            // A malformed request or a stream's protocol broken by the client (section 8.1.1): worth a line.
            log.info("HTTP/2 stream error with {} on {} (PROTOCOL_ERROR): {}", transport().getPeer(), e.streamId(), e.getMessage());
        } else {
            log.debug("HTTP/2 stream error with {} on {} (code {}): {}", transport().getPeer(), e.streamId(), e.errorCode(), e.getMessage());
        }
        if (state == State.CLOSED) {
            return;
        }
        batch.write(Http2FrameWriter.rstStream(e.streamId(), e.errorCode()));
        Http2Stream stream = streams.get(e.streamId());
        if (stream != null) {
            stream.reset();
        }
    }

    void streamClosed(Http2Stream stream) {
        streams.remove(stream.id(), stream);
        if (streams.isEmpty()) {
            if (state == State.GOING_AWAY) {
                close();
            } else if (state == State.OPEN) {
                arm(limits.idleTimeout());
            }
        }
    }

    /** Runs {@code action} once the current call has returned. */
    void later(Runnable action) {
        batch.later(action);
    }

    private void settingsTimedOut() {
        connectionError(Http2Exception.connection(Http2ErrorCode.SETTINGS_TIMEOUT, "SETTINGS not acknowledged"));
    }

    /**
     * Sets the preface or idle deadline {@code timeout} from now. Lazily, as {@code HttpChannel}'s:
     * a connection goes idle and busy again with every burst of streams, and a timer cancelled and
     * scheduled each time would cost the reactor's timer queue two operations per burst; the one
     * timer is moved earlier only, and re-arms itself when it fires before the deadline.
     */
    private void arm(Duration timeout) {
        idleDeadline = clock.nanoTime() + timeout.toNanos();
        if (idleTimer != null && idleTimer.active()) {
            if (idleTimer.time() > idleDeadline) {
                idleTimer.reset(timeout);
            }
            return;
        }
        idleTimer = clock.callLater(timeout, this::idleTimerFired);
    }

    private void idleTimerFired() {
        idleTimer = null;
        if (idleDeadline == NO_DEADLINE) {
            return;
        }
        long left = idleDeadline - clock.nanoTime();
        if (left > 0) {
            idleTimer = clock.callLater(Duration.ofNanos(left), this::idleTimerFired);
            return;
        }
        idle();
    }

    /** No preface in time, or no stream for the idle timeout: the connection ends. */
    private void idle() {
        idleDeadline = NO_DEADLINE;
        if (state == State.PREFACE) {
            close();
        } else if (streams.isEmpty() && (state == State.OPEN || state == State.AWAITING_SETTINGS)) {
            shutdown();
        }
    }

    private void cancelConnectionTimer() {
        idleDeadline = NO_DEADLINE;
        for (DelayedCall timer : new DelayedCall[] {idleTimer, graceTimer}) {
            if (timer != null && timer.active()) {
                timer.cancel();
            }
        }
        idleTimer = null;
        graceTimer = null;
    }

    @Override
    public void connectionLost(Failure reason) {
        state = State.CLOSED;
        cancelConnectionTimer();
        if (settingsTimer != null && settingsTimer.active()) {
            settingsTimer.cancel();
        }
        for (Http2Stream stream : new ArrayList<>(streams.values())) {
            stream.connectionLost(reason);
        }
        streams.clear();
    }

    // ---------------------------------------------------------------- the transport's flow control

    @Override
    public void pauseProducing() {
        outputPaused = true;
    }

    @Override
    public void resumeProducing() {
        if (outputPaused) {
            outputPaused = false;
            boolean began = batch.begin();
            try {
                flushAll();
            } finally {
                if (began) {
                    batch.end();
                }
            }
        }
    }

    @Override
    public void stopProducing() {
    }
}
