package dev.torsion.nntp.client;

import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.nntp.server.NntpServer;
import dev.torsion.nntp.server.NntpServerConfig;
import dev.torsion.nntp.support.Wire;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against our server on the memory transport, and against scripted answers. */
class NntpClientTest {
    @TempDir
    Path dir;

    private NntpClient client;
    private IOPump pump;

    @BeforeEach
    void connect() {
        MemoryReactor reactor = new MemoryReactor();
        NntpServer server = new NntpServer(NntpServerConfig.of("news.example.org", Wire.spool(dir, reactor)).withWallClock(Wire.WALL),
                reactor.clock());
        client = new NntpClient();
        pump = IOPump.connect(server, client);
    }

    private <T> T result(Deferred<T> deferred) {
        pump.flush();
        return successResultOf(deferred);
    }

    @Test
    void readsEverything() {
        assertEquals(200, successResultOf(client.greeting()).code());
        assertTrue(result(client.capabilities()).contains("OVER MSGID"));
        assertEquals(new GroupStatus(2, 1, 2, "comp.lang.java"), result(client.group("comp.lang.java")));
        assertEquals(List.of(1L, 2L), result(client.listGroup("comp.lang.java")));
        NntpResponse article = result(client.article("1"));
        assertEquals("1 <first@example.org> Article follows", article.text());
        assertEquals(Wire.FIRST, new String(article.block(), StandardCharsets.UTF_8));
        assertEquals(List.of("Hello", ".dotted"), result(client.body("<first@example.org>")).lines());
        assertEquals(223, result(client.next()).code());
        assertEquals(223, result(client.last()).code());
        assertEquals(2, result(client.over("1-")).size());
        assertEquals(List.of("1 First", "2 Re: First"), result(client.hdr("Subject", "1-2")));
        assertEquals(List.of("alt.test 0 1 y", "comp.lang.java 2 1 y"), result(client.list()));
        assertEquals(List.of("<first@example.org>", "<second@example.org>"),
                result(client.newNews("*", Instant.parse("2026-01-01T00:00:00Z"))));
        assertEquals(2, result(client.newGroups(Instant.EPOCH)).size());
        assertEquals(Instant.parse("2026-12-05T12:00:00Z"), result(client.date()));
        assertEquals(205, result(client.quit()).code());
    }

    @Test
    void streamsArticlesInChunks() {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        var done = client.article("<first@example.org>", chunk -> {
            chunks.add(chunk);
            all.writeBytes(chunk);
        });
        NntpResponse response = result(done);
        assertEquals(220, response.code());
        assertEquals(null, response.block(), "a streamed answer is not collected");
        assertEquals(Wire.FIRST, all.toString(StandardCharsets.UTF_8));
    }

    @Test
    void postsAndFeeds() {
        byte[] post = "From: c@d\nNewsgroups: alt.test\nSubject: via client\nMessage-ID: <c1@x>\n\n.starts with a dot\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(240, result(client.post(post)).code());
        assertEquals(List.of(".starts with a dot"), result(client.body("<c1@x>")).lines());
        byte[] fed = ("Path: far\r\nFrom: f@x\r\nNewsgroups: alt.test\r\nSubject: fed\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\n"
                + "Message-ID: <fed@x>\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(235, result(client.ihave("<fed@x>", fed)).code());
        var offeredAgain = client.ihave("<fed@x>", fed);
        pump.flush();
        NntpClientException again = (NntpClientException) failureResultOf(offeredAgain, NntpClientException.class).value();
        assertEquals(435, again.code());
        var headless = client.post("no headers\n".getBytes(StandardCharsets.UTF_8));
        pump.flush();
        NntpClientException refused = (NntpClientException) failureResultOf(headless, NntpClientException.class).value();
        assertEquals("441 Article has no headers", refused.getMessage());
        assertEquals(new GroupStatus(2, 1, 2, "alt.test"), result(client.group("alt.test")), "the client stays in step");
    }

    @Test
    void streamsAFeed() {
        byte[] fed = ("Path: far\r\nFrom: f@x\r\nNewsgroups: alt.test\r\nSubject: s\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\n"
                + "Message-ID: <st@x>\r\n\r\n.dot\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(203, result(client.modeStream()).code());
        assertEquals("<st@x>", result(client.check("<st@x>")).text());
        assertEquals("239 <st@x>", result(client.takeThis("<st@x>", fed)).toString());
        var again = client.check("<st@x>");
        pump.flush();
        assertEquals(438, ((NntpClientException) failureResultOf(again, NntpClientException.class).value()).code());
        assertEquals(List.of(".dot"), result(client.body("<st@x>")).lines());
    }

    @Test
    void refusalsFailTheDeferredAndLaterCommandsStillRun() {
        var missing = client.article("<none@x>");
        var group = client.group("comp.lang.java");
        pump.flush();
        assertEquals(430, ((NntpClientException) failureResultOf(missing, NntpClientException.class).value()).code());
        assertEquals(2, successResultOf(group).count());
    }

    @Test
    void hostileAnswers() {
        StringTransport transport = new StringTransport();
        NntpClient scripted = new NntpClient();
        scripted.makeConnection(transport);
        scripted.dataReceived("200 hi\r\n".getBytes(StandardCharsets.US_ASCII));
        var body = scripted.body("1");
        assertEquals("BODY 1\r\n", transport.valueAsString());
        scripted.dataReceived("222 1 <a@b>\r\nline\n.\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("connection closed", failureMessage(scripted.quit()));
        assertEquals("bare CR or LF in a multi-line answer", failureMessage(body));
        assertTrue(transport.isAborted());

        StringTransport other = new StringTransport();
        NntpClient garbled = new NntpClient();
        garbled.makeConnection(other);
        garbled.dataReceived("200 hi\r\n".getBytes(StandardCharsets.US_ASCII));
        var date = garbled.date();
        garbled.dataReceived("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("not an NNTP answer", failureMessage(date));
    }

    @Test
    void commandsQueuedBehindStartTlsGoOutUnderTls() throws Exception {
        StringTransport transport = new StringTransport();
        NntpClient scripted = new NntpClient();
        scripted.makeConnection(transport);
        scripted.dataReceived("200 hi\r\n".getBytes(StandardCharsets.US_ASCII));
        var tls = scripted.startTls(TlsOptions.client(SSLContext.getDefault(), "news.example.org"));
        var capabilities = scripted.capabilities();
        assertEquals("STARTTLS\r\n", transport.valueAsString());
        scripted.dataReceived("382 Continue with TLS negotiation\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(382, successResultOf(tls).code());
        assertEquals("STARTTLS\r\n".length(), transport.tlsStartedAfterBytes(), "TLS started before CAPABILITIES was written");
        assertEquals("STARTTLS\r\nCAPABILITIES\r\n", transport.valueAsString());
        assertEquals(false, capabilities.isCalled());
    }

    private static String failureMessage(Deferred<?> deferred) {
        return failureResultOf(deferred, NntpClientException.class).value().getMessage();
    }
}
