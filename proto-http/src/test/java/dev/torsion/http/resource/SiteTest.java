package dev.torsion.http.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.HttpError;
import dev.torsion.http.form.FormData;
import dev.torsion.http.form.FormPart;
import dev.torsion.http.log.CombinedLogFormat;
import dev.torsion.http.server.Cookie;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.IPv4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteTest {
    private final List<Request> seen = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private final Resource root = new Resource();

    SiteTest() {
        Resource capture = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                seen.add(request);
                return Rendered.empty();
            }

            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                request.form();
                return Rendered.empty();
            }
        };
        Resource dir = new Resource();
        dir.putChild("leaf", capture);
        root.putChild("dir", dir);
        root.putChild("cookie", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.addCookie(Cookie.of("id", "42").withPath("/").withMaxAge(60).withFlags(true, true).withSameSite("Lax"));
                request.addCookie(Cookie.of("other", "x"));
                return Rendered.empty();
            }
        });
        root.putChild("teapot", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                throw new HttpError(418, "short and <stout>");
            }
        });
    }

    private Wire wire() {
        Site site = new Site(root);
        site.setAccessLog(request -> logLines.add(CombinedLogFormat.format(request)));
        return new Wire(site);
    }

    @Test
    void walksTheTreeAndLeavesTheRestToTheLeaf() {
        wire().send("GET /dir/leaf/a%20b/c?x=1&y=%C3%A9&x=2 HTTP/1.1\r\nHost: a\r\n\r\n");
        Request request = seen.get(0);
        assertEquals(List.of("dir", "leaf"), request.prepath());
        assertEquals(List.of("a b", "c"), request.postpath());
        assertEquals("/dir/leaf/a%20b/c", request.path());
        assertEquals(Map.of("x", List.of("1", "2"), "y", List.of("\u00e9")), request.queryArgs());
        assertEquals("1", request.getArgument("x"));
    }

    @Test
    void urlencodedFormArgumentsJoinTheQuery() {
        String body = "name=Ann+Lee&tag=a&tag=b";
        wire().send("POST /dir/leaf?q=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        Request request = seen.get(0);
        assertEquals("Ann Lee", request.form().get("name"));
        assertEquals(List.of("a", "b"), request.args().get("tag"));
        assertEquals("1", request.getArgument("q"));
    }

    @Test
    void multipartFormWithAFile() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMy file\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a;b.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "line one\r\nline two\r\n--XyZ--\r\n";
        wire().sendByteByByte("POST /dir/leaf HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        FormData form = seen.get(0).form();
        assertEquals("My file", form.get("title"));
        FormPart upload = form.part("upload");
        assertEquals("a;b.txt", upload.filename());
        assertEquals("text/plain", upload.contentType());
        assertEquals("line one\r\nline two", upload.text());
    }

    @Test
    void malformedMultipartIs400() {
        Wire wire = wire();
        String body = "--XyZ\r\nno headers end";
        wire.send("POST /dir/leaf HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        assertTrue(wire.output().startsWith("HTTP/1.1 400 "), wire.output());
    }

    @Test
    void tooManyFormFieldsIs400() {
        Wire wire = wire();
        String body = "a=1&".repeat(1001);
        wire.send("POST /dir/leaf HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        assertTrue(wire.output().startsWith("HTTP/1.1 400 "), wire.output());
    }

    @Test
    void cookiesBothWays() {
        wire().send("GET /dir/leaf HTTP/1.1\r\nHost: a\r\nCookie: a=1; b=two\r\nCookie: c=3\r\n\r\n");
        assertEquals(Map.of("a", "1", "b", "two", "c", "3"), seen.get(0).cookies());
        Wire wire = wire();
        wire.send("GET /cookie HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().contains("Set-Cookie: id=42; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax\r\n"), wire.output());
        assertTrue(wire.output().contains("Set-Cookie: other=x\r\n"), wire.output());
    }

    @Test
    void httpErrorGivesItsStatusWithTheMessageEscaped() {
        Wire wire = wire();
        wire.send("GET /teapot HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 418 "), wire.output());
        assertTrue(wire.output().contains("short and &lt;stout&gt;"), wire.output());
    }

    @Test
    void clientAddressAndSecureFlag() {
        wire().send("GET /dir/leaf HTTP/1.1\r\nHost: example.org:8080\r\n\r\n");
        Request request = seen.get(0);
        assertEquals("192.168.1.1", ((IPv4Address) request.getClientAddress()).host());
        assertEquals("example.org", request.getRequestHostname());
        assertEquals(false, request.isSecure());
    }

    @Test
    void accessLogInCombinedFormat() {
        wire().send("GET /dir/leaf?x=\"1\" HTTP/1.1\r\nHost: a\r\nReferer: http://r/\r\nUser-Agent: test \"agent\"\r\n\r\n");
        assertEquals(1, logLines.size());
        String line = logLines.get(0);
        assertTrue(line.matches("192\\.168\\.1\\.1 - - \\[\\d\\d/\\w\\w\\w/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
                + "\"GET /dir/leaf\\?x=\\\\\"1\\\\\" HTTP/1\\.1\" 200 - \"http://r/\" \"test \\\\\"agent\\\\\"\""), line);
    }

    @Test
    void optionsListsTheAllowedMethods() {
        Wire wire = wire();
        wire.send("OPTIONS /dir/leaf HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 204 "), wire.output());
        assertTrue(wire.output().contains("Allow: GET, HEAD, POST, OPTIONS\r\n"), wire.output());
    }

    @Test
    void responseHeadersCannotBeSplit() {
        Resource splitter = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("X-Evil", "a\r\nSet-Cookie: pwned=1");
                return Rendered.empty();
            }
        };
        root.putChild("split", splitter);
        Wire wire = wire();
        wire.send("GET /split HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 500 "), wire.output());
        assertTrue(!wire.output().contains("pwned"), wire.output());
    }

    @Test
    void bodyIsReadAsBytes() {
        wire().send("POST /dir/leaf HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n\u00ff\u0000x");
        assertEquals(3, seen.get(0).content().length);
        assertEquals((byte) 0xff, seen.get(0).content()[0]);
        assertEquals("x", new String(seen.get(0).content(), 2, 1, StandardCharsets.ISO_8859_1));
    }
}
