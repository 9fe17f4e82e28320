package dev.torsion.http.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.staticfiles.File;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.error.ConnectionLost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combined log line: for cut downloads (with the bytes sent), clients gone before an answer (499), and users. */
class AccessLogTest {
    @TempDir
    Path root;

    private final List<String> lines = new ArrayList<>();

    private Wire wire(Resource tree) {
        Site site = new Site(tree);
        site.setAccessLog(request -> lines.add(CombinedLogFormat.format(request)));
        return new Wire(site);
    }

    @Test
    void aDownloadCutByTheClientIsLoggedWithTheBytesSent() throws IOException {
        byte[] big = new byte[4 * 1024 * 1024];
        Files.write(root.resolve("big.bin"), big);
        Wire wire = wire(new File(root));
        // The transport takes what the streamer writes and never asks for more: a client that stopped reading.
        wire.transport.pauseProducing();
        wire.send("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(lines.isEmpty(), lines.toString());
        wire.channel.notifyConnectionLost(Failure.of(new ConnectionLost("reset by peer")));

        assertEquals(1, lines.size(), lines.toString());
        Matcher line = Pattern.compile("^192\\.168\\.1\\.1 - - \\[.*\\] \"GET /big\\.bin HTTP/1\\.1\" 200 (\\d+) \"-\" \"-\"$")
                .matcher(lines.get(0));
        assertTrue(line.matches(), lines.get(0));
        long sent = Long.parseLong(line.group(1));
        assertTrue(sent > 0 && sent < big.length, "bytes sent: " + sent);
        String body = wire.output().substring(wire.output().indexOf("\r\n\r\n") + 4);
        assertEquals(body.length(), sent, "the log counts the body bytes handed to the connection");
    }

    @Test
    void aClientGoneBeforeTheAnswerBeganIsLogged499() {
        Resource slow = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                new Deferred<Void>(); // the answer never comes: a backend that hangs
                return NOT_DONE_YET;
            }
        };
        Wire wire = wire(slow);
        wire.send("GET /slow HTTP/1.1\r\nHost: a\r\nUser-Agent: impatient\r\n\r\n");
        wire.channel.notifyConnectionLost(Failure.of(new ConnectionLost("gone")));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("^192\\.168\\.1\\.1 - - \\[.*\\] \"GET /slow HTTP/1\\.1\" 499 - \"-\" \"impatient\"$"),
                lines.get(0));
    }

    @Test
    void theLoggedInUserFillsTheUserField() {
        Resource named = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setUser("bob \"the\" admin");
                return Rendered.text("hi");
            }
        };
        wire(named).send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("192.168.1.1 - bob\\x20\\\"the\\\"\\x20admin ["), lines.get(0));
        assertTrue(lines.get(0).contains("\"GET / HTTP/1.1\" 200 2 "), lines.get(0));
    }
}
