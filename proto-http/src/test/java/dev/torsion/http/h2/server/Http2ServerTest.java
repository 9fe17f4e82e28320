package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.frame;
import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2Frame;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http2ServerTest {
    private final List<Request> waiting = new ArrayList<>();

    private Site site() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Type", "text/plain");
                return Rendered.text("Hello");
            }

            @Override
            protected Rendered renderPOST(Request request) {
                return Rendered.body(request.content());
            }
        });
        root.putChild("big", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.body(new byte[200_000]);
            }
        });
        root.putChild("wait", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                waiting.add(request);
                return NOT_DONE_YET;
            }
        });
        return new Site(root);
    }

    @Test
    void servesAGetWithTheSitesHeaders() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        assertEquals(List.of("SETTINGS", "WINDOW_UPDATE:0"), wire.events());
        wire.send(join(open(), wire.get(1, "/hello")), false);
        assertEquals(List.of("SETTINGS-ACK", "HEADERS:1:200", "DATA:1:5:end"), wire.events());
        assertEquals(0, wire.connection.openStreams());
        // A HEAD gets the head only, with END_STREAM on it.
        wire.send(wire.headers(3, true, ":method", "HEAD", ":scheme", "http", ":path", "/hello", ":authority", "h"), true);
        assertEquals(List.of("HEADERS:3:200:end"), wire.events());
        wire.send(wire.get(5, "/missing"), false);
        assertEquals("HEADERS:5:404", wire.events().get(0));
    }

    @Test
    void theAnswersToOneReadLeaveInOneWriteWithoutATimerPerStream() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck()), false);
        wire.events();
        int timers = wire.clock.getDelayedCalls().size();
        int writes = wire.transport.writes();
        wire.send(join(wire.get(1, "/hello"), wire.get(3, "/hello"), wire.get(5, "/hello"), wire.get(7, "/missing")), false);
        assertEquals(writes + 1, wire.transport.writes());
        assertEquals(List.of("HEADERS:1:200", "DATA:1:5:end", "HEADERS:3:200", "DATA:3:5:end", "HEADERS:5:200", "DATA:5:5:end",
                "HEADERS:7:404"), wire.events().subList(0, 7));
        // The streams' channels heard of their ends at the read's end, and their timers were never scheduled.
        assertEquals(0, wire.connection.openStreams());
        assertEquals(timers, wire.clock.getDelayedCalls().size());
    }

    @Test
    void aStreamAnsweredLaterHasItsChannelsTimerOnTheClock() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck()), false);
        wire.events();
        int timers = wire.clock.getDelayedCalls().size();
        wire.send(wire.get(1, "/wait"), false);
        assertEquals(timers + 1, wire.clock.getDelayedCalls().size());
        waiting.get(0).respond("late".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("HEADERS:1:200", "DATA:1:4:end"), wire.events());
        wire.clock.advance(Duration.ZERO);
        assertEquals(timers, wire.clock.getDelayedCalls().stream().filter(call -> call.active()).count());
    }

    @Test
    void aPostBodyArrivesAndIsEchoed() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        byte[] body = new byte[40_000];
        wire.send(join(open(), wire.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/hello", ":authority", "h"),
                frame(Http2Frame.DATA, 0, 1, new byte[16_384]), frame(Http2Frame.DATA, 0, 1, new byte[16_384]),
                frame(Http2Frame.DATA, 1, 1, new byte[body.length - 32_768])), true);
        List<String> events = wire.events();
        assertTrue(events.contains("HEADERS:1:200"), events.toString());
        assertEquals(List.of("DATA:1:16384", "DATA:1:16384", "DATA:1:7232:end"),
                events.stream().filter(e -> e.startsWith("DATA")).toList());
    }

    @Test
    void theResponseWaitsForTheClientsWindow() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        // The client's initial window is the default 65,535: the rest waits for WINDOW_UPDATE.
        wire.send(join(open(), wire.get(1, "/big")), false);
        long sent = wire.events().stream().filter(e -> e.startsWith("DATA")).mapToLong(e -> Long.parseLong(e.split(":")[2])).sum();
        assertEquals(65_535, sent);
        wire.send(Http2FrameWriter.windowUpdate(1, 200_000), false);
        assertTrue(wire.events().isEmpty(), "the connection's window is shut too");
        wire.send(Http2FrameWriter.windowUpdate(0, 200_000), false);
        List<String> rest = wire.events();
        assertEquals(200_000 - 65_535, rest.stream().mapToLong(e -> Long.parseLong(e.split(":")[2])).sum());
        assertTrue(rest.get(rest.size() - 1).endsWith(":end"));
    }

    @Test
    void aLargerInitialWindowFromSettingsLetsMoreOut() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        byte[] settings = new byte[6];
        settings[1] = Http2Payloads.INITIAL_WINDOW_SIZE;
        settings[3] = 0x10;   // 1 MiB
        wire.send(join(H2Wire.preface(), frame(Http2Frame.SETTINGS, 0, 0, settings), Http2FrameWriter.windowUpdate(0, 1 << 20),
                wire.get(1, "/big")), false);
        List<String> events = wire.events();
        assertEquals(200_000, events.stream().filter(e -> e.startsWith("DATA")).mapToLong(e -> Long.parseLong(e.split(":")[2])).sum());
    }

    @Test
    void shutdownSendsGoAwayAndFinishesTheStreamsInFlight() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        wire.send(join(open(), wire.get(1, "/wait")), false);
        wire.events();
        wire.connection.shutdown();
        assertEquals(List.of("GOAWAY:0"), wire.events());
        assertFalse(wire.transport.isDisconnecting());
        // A stream opened after the GOAWAY is refused.
        wire.send(wire.get(3, "/hello"), false);
        assertEquals(List.of("RST:3:7"), wire.events());
        waiting.get(0).respond("late".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("HEADERS:1:200", "DATA:1:4:end"), wire.events());
        assertTrue(wire.transport.isDisconnecting());
    }

    @Test
    void shutdownGraceCutsAStreamThatNeverEnds() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck(), wire.get(1, "/wait")), false);
        wire.connection.shutdown();
        wire.clock.advance(Duration.ofSeconds(29));
        assertFalse(wire.transport.isDisconnecting());
        wire.clock.advance(Duration.ofSeconds(1));
        assertTrue(wire.transport.isDisconnecting());
    }

    @Test
    void unacknowledgedSettingsTimeOut() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        wire.send(open(), false);
        wire.clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("SETTINGS-ACK", "GOAWAY:4"), wire.events());
        H2Wire acked = new H2Wire(site(), Http2Limits.DEFAULT);
        acked.send(join(open(), Http2FrameWriter.settingsAck()), false);
        acked.clock.advance(Duration.ofSeconds(10));
        assertFalse(acked.transport.isDisconnecting());
    }

    @Test
    void pingIsAnswered() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.events();
        wire.send(join(open(), frame(Http2Frame.PING, 0, 0, new byte[8])), true);
        assertEquals(List.of("SETTINGS-ACK", "PING-ACK"), wire.events());
    }

    @Test
    void aResetStreamTellsTheSite() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), wire.get(1, "/wait")), false);
        wire.send(Http2FrameWriter.rstStream(1, 8), false);
        wire.clock.advance(Duration.ZERO);
        assertTrue(waiting.get(0).isLost());
        assertEquals(0, wire.connection.openStreams());
    }

    @Test
    void idleConnectionsAreSentAway() throws Exception {
        H2Wire wire = new H2Wire(site(), Http2Limits.DEFAULT);
        wire.send(join(open(), Http2FrameWriter.settingsAck(), wire.get(1, "/hello")), false);
        wire.events();
        wire.clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of("GOAWAY:0"), wire.events());
        assertTrue(wire.transport.isDisconnecting());
    }
}
