package dev.torsion.http.h2.server;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2Exception;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameDecoder;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.h2.hpack.HeaderField;
import dev.torsion.http.h2.hpack.HpackDecoder;
import dev.torsion.http.h2.hpack.HpackEncoder;
import dev.torsion.http.h2.hpack.HpackException;
import dev.torsion.http.resource.Site;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** An HTTP/2 server connection on a memory transport, and a client's frames to feed it. */
final class H2Wire {
    final CountingTransport transport = new CountingTransport();
    final TestClock clock = new TestClock();
    final Http2Connection connection;
    /** The protocol the bytes go to: the connection, or what a factory built. */
    private final Protocol server;
    final HpackEncoder encoder = new HpackEncoder();
    private final HpackDecoder responses = new HpackDecoder(4096, 1 << 20);
    private int read;

    H2Wire(Site site, Http2Limits limits) {
        connection = new Http2Connection(site, site.config(), limits, clock, false, site.sessions(clock));
        server = connection;
        connection.makeConnection(transport);
    }

    /** The protocol {@code factory} builds (made with this wire's clock) on the memory transport. */
    H2Wire(Function<TestClock, ProtocolFactory> factory) {
        connection = null;
        server = factory.apply(clock).buildProtocol(null);
        server.makeConnection(transport);
    }

    /** The HTTP/1.1 answer the server wrote before any frame (a 101, or a whole answer), head and body so far. */
    String http1() {
        byte[] all = transport.value();
        String text = new String(all, read, all.length - read, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end + 4);
        read += head.length();
        return head;
    }

    static byte[] preface() {
        return Http2Connection.PREFACE.clone();
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] join(List<byte[]> parts) {
        return join(parts.toArray(new byte[0][]));
    }

    /** The preface and an empty SETTINGS, as a client opens. */
    static byte[] open() {
        return join(preface(), Http2FrameWriter.settings());
    }

    byte[] headers(int stream, boolean endStream, String... namesAndValues) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return join(Http2FrameWriter.headers(stream, encoder.encode(fields), endStream, 16384));
    }

    byte[] get(int stream, String path) {
        return headers(stream, true, ":method", "GET", ":scheme", "http", ":path", path, ":authority", "example.com");
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return Http2FrameWriter.frame(type, flags, stream, payload);
    }

    void send(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            server.dataReceived(bytes.clone());
            return;
        }
        for (byte b : bytes) {
            server.dataReceived(new byte[] {b});
        }
        clock.advance(Duration.ZERO);
    }

    /** The frames the server wrote since last asked, each summarised ("SETTINGS", "RST:1:7", "GOAWAY:11", "HEADERS:1:200", ...). */
    List<String> events() throws Http2Exception, HpackException {
        List<String> events = new ArrayList<>();
        for (Http2Frame frame : freshFrames()) {
            events.add(describe(frame));
        }
        return events;
    }

    /** The frames the server wrote since last asked, as the decoder gives them. */
    private List<Http2Frame> freshFrames() throws Http2Exception {
        byte[] all = transport.value();
        byte[] fresh = Arrays.copyOfRange(all, read, all.length);
        read = all.length;
        Http2FrameDecoder decoder = new Http2FrameDecoder((1 << 24) - 1);
        decoder.feed(fresh);
        List<Http2Frame> frames = new ArrayList<>();
        Http2Frame frame;
        while ((frame = decoder.next()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /**
     * A frame the server wrote, in full: its header fields decoded (HEADERS), or its payload.
     *
     * @param type the frame type
     * @param stream the stream
     * @param endStream whether END_STREAM was set
     * @param fields the decoded fields of a HEADERS frame, else empty
     * @param payload a DATA frame's data, or the raw payload of another
     */
    record Frame(int type, int stream, boolean endStream, List<HeaderField> fields, byte[] payload) {
    }

    /** The frames the server wrote since last asked (as {@link #events()}, but whole). */
    List<Frame> frames() throws Http2Exception, HpackException {
        List<Frame> frames = new ArrayList<>();
        for (Http2Frame frame : freshFrames()) {
            List<HeaderField> fields = frame.type() == Http2Frame.HEADERS ? responses.decode(headerBlock(frame)).fields() : List.of();
            frames.add(new Frame(frame.type(), frame.streamId(), frame.has(Http2Frame.FLAG_END_STREAM), fields, frame.payload()));
        }
        return frames;
    }

    private String describe(Http2Frame frame) throws HpackException {
        return switch (frame.type()) {
            case Http2Frame.GOAWAY -> "GOAWAY:" + ((frame.payload()[7] & 0xFF) | (frame.payload()[6] & 0xFF) << 8);
            case Http2Frame.RST_STREAM -> "RST:" + frame.streamId() + ":" + Http2Payloads.int31(frame);
            case Http2Frame.HEADERS -> "HEADERS:" + frame.streamId() + ":" + responses.decode(headerBlock(frame)).fields().stream()
                    .filter(f -> f.name().equals(":status")).map(HeaderField::value).findFirst().orElse("trailers")
                    + (frame.has(Http2Frame.FLAG_END_STREAM) ? ":end" : "");
            case Http2Frame.DATA -> "DATA:" + frame.streamId() + ":" + frame.payload().length
                    + (frame.has(Http2Frame.FLAG_END_STREAM) ? ":end" : "");
            case Http2Frame.SETTINGS -> frame.has(Http2Frame.FLAG_ACK) ? "SETTINGS-ACK" : "SETTINGS";
            case Http2Frame.WINDOW_UPDATE -> "WINDOW_UPDATE:" + frame.streamId();
            case Http2Frame.PING -> "PING-ACK";
            default -> "TYPE:" + frame.type();
        };
    }

    /** A memory transport that counts the writes it is given. */
    static final class CountingTransport extends StringTransport {
        private int writes;

        @Override
        public void write(byte[] data) {
            writes++;
            super.write(data);
        }

        int writes() {
            return writes;
        }
    }

    private static byte[] headerBlock(Http2Frame frame) {
        try {
            return Http2Payloads.headerBlock(frame);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
