package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.h2.codec.Http2Payloads;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The h2c upgrade from HTTP/1.1 (RFC 7540 section 3.2), as curl --http2 asks for it on http://. */
class H2cUpgradeTest {
    private final List<String> logged = new ArrayList<>();
    private final Site site;

    H2cUpgradeTest() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
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
                return Rendered.body(new byte[1000]);
            }
        });
        site = new Site(root).setAccessLog(request -> logged.add(request.method() + " " + request.uri() + " "
                + request.version() + " " + request.responseCode()));
    }

    private H2Wire upgrading() {
        return new H2Wire(clock -> Http2ServerFactory.forSite(site, clock, false, Http2Limits.DEFAULT).withH2cUpgrade());
    }

    /** The base64url SETTINGS payload of these (id, value) pairs, as HTTP2-Settings carries it. */
    private static String settings(int... pairs) {
        byte[] frame = Http2FrameWriter.settings(pairs);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(frame, 9, frame.length));
    }

    private static byte[] upgrade(String path, String http2Settings) {
        return ("GET " + path + " HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: " + http2Settings + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theRequestIsAnswered101AndServedAsStreamOne() throws Exception {
        for (boolean byteByByte : new boolean[] {false, true}) {
            logged.clear();
            H2Wire wire = upgrading();
            wire.send(upgrade("/hello", settings(Http2Payloads.MAX_CONCURRENT_STREAMS, 100)), byteByByte);
            String head = wire.http1();
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            assertTrue(head.contains("\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"), head);
            // Section 3.5: the server's preface (SETTINGS) is its first frame; stream 1's answer waits for the client's.
            assertEquals(List.of("SETTINGS", "WINDOW_UPDATE:0"), wire.events());
            // The client's preface follows the 101; its next stream is 3.
            wire.send(join(open(), wire.get(3, "/hello")), byteByByte);
            assertEquals(List.of("SETTINGS-ACK", "HEADERS:1:200", "DATA:1:5:end", "HEADERS:3:200", "DATA:3:5:end"), wire.events());
            // The access log has the upgraded request once, as HTTP/2.0, and no 101.
            assertEquals(List.of("GET /hello HTTP/2.0 200", "GET /hello HTTP/2.0 200"), logged);
        }
    }

    @Test
    void theClientsHttp2SettingsApplyToStreamOne() throws Exception {
        H2Wire wire = upgrading();
        wire.send(upgrade("/big", settings(Http2Payloads.INITIAL_WINDOW_SIZE, 100)), false);
        assertTrue(wire.http1().startsWith("HTTP/1.1 101 "));
        assertEquals(List.of("SETTINGS", "WINDOW_UPDATE:0"), wire.events());
        // Stream 1 may carry only the 100 octets of the client's initial window, until it gives more.
        wire.send(open(), false);
        assertEquals(List.of("SETTINGS-ACK", "HEADERS:1:200", "DATA:1:100"), wire.events());
        wire.send(H2Wire.frame(8, 0, 1, new byte[] {0, 0, 0x03, (byte) 0x84}), false);
        assertEquals(List.of("DATA:1:900:end"), wire.events());
    }

    @Test
    void aClientThatNeverSendsItsPrefaceIsClosedAfterThePrefaceTimeout() {
        H2Wire wire = upgrading();
        wire.send(upgrade("/hello", settings()), false);
        assertFalse(wire.transport.isDisconnecting());
        wire.clock.advance(Http2Limits.DEFAULT.prefaceTimeout().plus(Duration.ofSeconds(1)));
        assertTrue(wire.transport.isDisconnecting());
    }

    /** Requests that are not upgraded: each with its exact HTTP/1.1 answer's status line, whole and byte by byte. */
    @Test
    void requestsThatAreNotUpgradedGetTheirHttp11Answer() {
        String[][] cases = {
            // HTTP2-Settings not base64url: 400, and the connection stays HTTP/1.1.
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: !!!!\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\n"},
            // A SETTINGS payload that is not a multiple of 6 octets: 400.
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAAA\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\n"},
            // SETTINGS_ENABLE_PUSH of 2 (section 6.5.2): 400.
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: "
                + settings(Http2Payloads.ENABLE_PUSH, 2) + "\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n"},
            // Two HTTP2-Settings (section 3.2.1: no upgrade).
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: \r\n"
                + "HTTP2-Settings: \r\n\r\n", "HTTP/1.1 200 OK\r\n"},
            // HTTP2-Settings not named in Connection.
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nHTTP2-Settings: \r\n\r\n", "HTTP/1.1 200 OK\r\n"},
            // Another protocol asked for.
            {"GET /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2\r\nHTTP2-Settings: \r\n\r\n",
                "HTTP/1.1 200 OK\r\n"},
            // A request with a body is answered in HTTP/1.1.
            {"POST /hello HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: \r\n"
                + "Content-Length: 2\r\n\r\nhi", "HTTP/1.1 200 OK\r\n"},
            // HTTP/1.0 cannot upgrade.
            {"GET /hello HTTP/1.0\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: \r\n\r\n",
                "HTTP/1.1 200 OK\r\n"},
        };
        for (String[] hostile : cases) {
            for (boolean byteByByte : new boolean[] {false, true}) {
                H2Wire wire = upgrading();
                wire.send(hostile[0].getBytes(StandardCharsets.ISO_8859_1), byteByByte);
                String answer = wire.http1();
                assertTrue(answer.startsWith(hostile[1]), hostile[0] + " => " + answer);
                assertFalse(answer.contains("h2c"), answer);
            }
        }
    }

    @Test
    void withoutTheUpgradeEnabledTheRequestIsServedInHttp11() {
        H2Wire wire = new H2Wire(clock -> Http2ServerFactory.forSite(site, clock, false, Http2Limits.DEFAULT));
        wire.send(upgrade("/hello", settings()), false);
        assertTrue(wire.http1().startsWith("HTTP/1.1 200 OK\r\n"));
    }

    @Test
    void overTlsTheUpgradeIsNeverTaken() {
        H2Wire wire = new H2Wire(clock -> Http2ServerFactory.forSite(site, clock, true, Http2Limits.DEFAULT).withH2cUpgrade());
        wire.send(upgrade("/hello", settings()), false);
        assertTrue(wire.http1().startsWith("HTTP/1.1 200 OK\r\n"));
    }
}
