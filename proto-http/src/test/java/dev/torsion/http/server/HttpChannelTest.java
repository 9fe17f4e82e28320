package dev.torsion.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.TestResources;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpChannelTest {
    private final Resource root = new Resource();
    private final TestResources.Later later = new TestResources.Later();

    HttpChannelTest() {
        root.putChild("hello", new TestResources.Text("Hello, world!"));
        root.putChild("echo", new TestResources.Echo());
        root.putChild("later", later);
        root.putChild("stream", new TestResources.Streamed());
        root.putChild("broken", new TestResources.Broken());
    }

    private Wire wire() {
        return new Wire(new Site(root, ServerConfig.DEFAULT.withServerName(null)));
    }

    private static String headerBlock(String response) {
        return response.substring(0, response.indexOf("\r\n\r\n") + 4);
    }

    private static String bodyOf(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersGetWithLengthAndKeepsTheConnection(boolean byteByByte) {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.1\r\nHost: example\r\n\r\n", byteByByte);
        String response = wire.output();
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("\r\nContent-Length: 13\r\n"), response);
        assertTrue(response.contains("\r\nContent-Type: text/plain\r\n"), response);
        assertTrue(response.contains("\r\nDate: "), response);
        assertFalse(response.contains("Connection: close"), response);
        assertEquals("Hello, world!", bodyOf(response));
        assertFalse(wire.closed());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pipelinedResponsesLeaveInRequestOrder(boolean byteByByte) {
        Wire wire = wire();
        wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc", byteByByte);
        assertEquals("", wire.output(), "nothing may overtake the slow first answer");
        later.pending.get(0).callback("first".getBytes(StandardCharsets.UTF_8));
        String[] responses = wire.responses();
        assertEquals(3, responses.length, wire.output());
        assertEquals("first", bodyOf(responses[0]));
        assertEquals("Hello, world!", bodyOf(responses[1]));
        assertEquals("abc", bodyOf(responses[2]));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void chunkedRequestBodyWithTrailers(boolean byteByByte) {
        Wire wire = wire();
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n", byteByByte);
        String response = wire.output();
        assertEquals("hello 0123456789", bodyOf(response));
    }

    @Test
    void trailersAreKeptOnTheRequest() {
        List<Request> seen = new ArrayList<>();
        Resource capture = new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                return Rendered.empty();
            }
        };
        Wire wire = new Wire(new Site(capture));
        wire.sendByteByByte("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n");
        assertEquals("42", seen.get(0).trailers().get("x-sum"));
        assertEquals("abc", new String(seen.get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void responseWithoutLengthIsChunked() {
        Wire wire = wire();
        wire.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
        String response = wire.output();
        assertTrue(response.contains("Transfer-Encoding: chunked\r\n"), response);
        assertEquals("6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", bodyOf(response));
        assertFalse(wire.closed());
    }

    @Test
    void http10ResponseWithoutLengthEndsWithTheConnection() {
        Wire wire = wire();
        wire.send("GET /stream HTTP/1.0\r\n\r\n");
        String response = wire.output();
        assertFalse(response.contains("chunked"), response);
        assertEquals("hello world", bodyOf(response));
        assertTrue(wire.closed());
    }

    @Test
    void http10ClosesUnlessKeepAliveAsked() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.0\r\n\r\n");
        assertTrue(wire.closed());
        Wire kept = wire();
        kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertTrue(kept.output().contains("Connection: keep-alive\r\n"), kept.output());
        assertFalse(kept.closed());
    }

    @Test
    void connectionCloseIsHonouredAndLaterRequestsIgnored() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(1, wire.responses().length);
        assertTrue(wire.output().contains("Connection: close\r\n"));
        assertTrue(wire.closed());
    }

    @Test
    void headSendsHeadersWithoutBody() {
        Wire wire = wire();
        wire.send("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertTrue(responses[0].contains("Content-Length: 13\r\n"));
        assertEquals("", bodyOf(responses[0]));
        assertEquals("Hello, world!", bodyOf(responses[1]));
    }

    @Test
    void absoluteFormTargetGivesPathAndHost() {
        List<String> hosts = new ArrayList<>();
        Resource capture = new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                hosts.add(request.getRequestHostname() + " " + request.path() + " " + request.queryString());
                return Rendered.empty();
            }
        };
        Wire wire = new Wire(new Site(capture));
        wire.send("GET http://other.example:8080/a/b?x=1 HTTP/1.1\r\nHost: ignored\r\n\r\n");
        assertEquals(List.of("other.example /a/b x=1"), hosts);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void expectContinueGetsInterimResponse(boolean byteByByte) {
        Wire wire = wire();
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n", byteByByte);
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", wire.output());
        wire.send("body", byteByByte);
        assertTrue(wire.output().startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), wire.output());
        assertTrue(wire.output().endsWith("\r\n\r\nbody"));
    }

    @Test
    void expectContinueWithTooLargeBodyGets413WithoutContinue() {
        Wire wire = new Wire(new Site(root, ServerConfig.DEFAULT.withMaxBodySize(10)));
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 413 "), wire.output());
        assertFalse(wire.output().contains("100 Continue"));
        assertTrue(wire.closed());
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        Wire wire = new Wire(new Site(root, ServerConfig.DEFAULT.withMaxBodySize(10)));
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 413 "), wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void resourceSetsItsOwnBodyLimit() {
        Resource small = new Resource(true) {
            @Override
            public long maxRequestBodySize() {
                return 2;
            }

            @Override
            protected Rendered renderPOST(Request request) {
                return Rendered.body(request.content());
            }
        };
        root.putChild("small", small);
        Wire wire = wire();
        wire.send("POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
        assertTrue(wire.output().startsWith("HTTP/1.1 413 "), wire.output());
        Wire ok = wire();
        ok.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
        assertTrue(ok.output().startsWith("HTTP/1.1 200 "), ok.output());
    }

    @Test
    void slowHeadGets408AndClose() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.1\r\nHo");
        wire.clock.advance(Duration.ofSeconds(29));
        wire.send("s");
        assertEquals("", wire.output());
        wire.clock.advance(Duration.ofSeconds(2));
        assertTrue(wire.output().startsWith("HTTP/1.1 408 Request Timeout\r\n"), wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void stalledBodyGets408() {
        Wire wire = new Wire(new Site(root, ServerConfig.DEFAULT.withBodyDeadline(Duration.ofHours(1), 500)));
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
        wire.clock.advance(Duration.ofSeconds(59));
        wire.send("d");
        wire.clock.advance(Duration.ofSeconds(59));
        assertEquals("", wire.output());
        wire.clock.advance(Duration.ofSeconds(2));
        assertTrue(wire.output().startsWith("HTTP/1.1 408 "), wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void idleKeptAliveConnectionClosesQuietly() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        wire.transport.clear();
        wire.clock.advance(Duration.ofSeconds(59));
        assertFalse(wire.closed());
        wire.clock.advance(Duration.ofSeconds(2));
        assertTrue(wire.closed());
        assertEquals("", wire.output());
    }

    @Test
    void aConnectionThatNeverSendsARequestGets408() {
        Wire wire = wire();
        wire.clock.advance(Duration.ofSeconds(59));
        assertEquals("", wire.output());
        assertFalse(wire.closed());
        wire.clock.advance(Duration.ofSeconds(2));
        assertTrue(wire.output().startsWith("HTTP/1.1 408 Request Timeout\r\n"), wire.output());
        assertTrue(wire.output().contains("\r\nConnection: close\r\n"), wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void aRefusalLingersReadingWhatTheClientStillSendsThenCloses() {
        Wire wire = wire();
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n");
        String answer = wire.output();
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(wire.transport.isWriteConnectionClosed(), "the answer is followed by this side's end of stream");
        assertFalse(wire.transport.isDisconnecting(), "reading goes on: a close now would reset the unread answer");
        wire.send("x".repeat(100_000));
        assertEquals(answer, wire.output(), "what comes after is dropped");
        wire.clock.advance(ServerConfig.DEFAULT.lingerTimeout().minusMillis(1));
        assertFalse(wire.transport.isDisconnecting());
        wire.clock.advance(Duration.ofMillis(1));
        assertTrue(wire.transport.isDisconnecting(), "the wait is bounded");
    }

    @Test
    void aLingeringCloseEndsWhenTheClientEndsItsSide() {
        Wire wire = wire();
        wire.send("GET / HTTP/1.1\r\nHost : a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 400 "), wire.output());
        assertFalse(wire.transport.isDisconnecting());
        wire.channel.readConnectionLost();
        assertTrue(wire.transport.isDisconnecting());
    }

    @Test
    void idleTimerDoesNotRunWhileAnswering() {
        Wire wire = wire();
        wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
        wire.clock.advance(Duration.ofSeconds(300));
        assertFalse(wire.closed());
        later.pending.get(0).callback("late".getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.output().endsWith("late"));
    }

    @Test
    void notifyFinishFailsWhenTheClientGoesAway() {
        Wire wire = wire();
        wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
        Request request = later.requests.get(0);
        List<Failure> failures = new ArrayList<>();
        request.notifyFinish().addErrback(failure -> {
            failures.add(failure);
            return null;
        });
        wire.transport.closeConnection(wire.channel, false);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).check(ConnectionLost.class) != null);
        assertTrue(request.isLost());
        assertTrue(later.pending.get(0).isCalled(), "the pending render was cancelled");
    }

    @Test
    void notifyFinishFiresOnFinish() {
        Wire wire = wire();
        wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
        boolean[] done = {false};
        later.requests.get(0).notifyFinish().addCallback(v -> done[0] = true);
        later.pending.get(0).callback(new byte[0]);
        assertTrue(done[0]);
    }

    @Test
    void renderFailureIs500WithoutTraceback() {
        Wire wire = wire();
        wire.send("GET /broken HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 500 Internal Server Error\r\n"), wire.output());
        assertFalse(wire.output().contains("secret internal detail"));
        assertFalse(wire.output().contains("at dev.torsion"));
    }

    @Test
    void renderFailureShowsTracebackWhenAsked() {
        Wire wire = new Wire(new Site(root, ServerConfig.DEFAULT.withShowTracebacks(true)));
        wire.send("GET /broken HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().contains("secret internal detail"), wire.output());
    }

    @Test
    void pipelinedBytesBeyondTheLimitPauseReading() {
        Wire wire = new Wire(new Site(root, ServerConfig.DEFAULT.withMaxBodySize(1 << 20)
                .withMaxPipelinedBytes(100).withServerName(null)));
        StringBuilder many = new StringBuilder("GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
        for (int i = 0; i < 10; i++) {
            many.append("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        }
        wire.send(many.toString());
        assertEquals(StringTransport.ProducerState.PAUSED, wire.transport.producerState());
        later.pending.get(0).callback(new byte[0]);
        assertEquals(StringTransport.ProducerState.PRODUCING, wire.transport.producerState());
        assertEquals(11, wire.responses().length);
    }

    @Test
    void leadingEmptyLinesBetweenRequestsAreIgnored() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(2, wire.responses().length);
    }

    @Test
    void unknownPathIs404AndMethodIs405WithAllow() {
        Wire wire = wire();
        wire.send("GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertTrue(responses[0].startsWith("HTTP/1.1 404 Not Found\r\n"), responses[0]);
        assertTrue(responses[1].startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), responses[1]);
        assertTrue(headerBlock(responses[1]).contains("Allow: GET, HEAD, OPTIONS\r\n"), responses[1]);
    }

    @Test
    void halfClosedClientStillGetsItsAnswersThenTheConnectionCloses() {
        Wire wire = wire();
        wire.send("GET /later HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        wire.channel.readConnectionLost();
        assertFalse(wire.closed(), "the first answer is still coming");
        later.pending.get(0).callback("first".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, wire.responses().length, wire.output());
        assertTrue(wire.closed());
        Wire idle = wire();
        idle.channel.readConnectionLost();
        assertTrue(idle.closed());
    }

    @Test
    void postToAMissingPathIs404NotATooLargeBody() {
        Wire wire = wire();
        wire.send("POST /nowhere HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        assertTrue(wire.output().startsWith("HTTP/1.1 404 "), wire.output());
        // Answered at once, its body unread: the connection closes lingering (it was kept before).
        assertTrue(wire.closed());
    }

    @Test
    void aResponseShorterOrLongerThanItsLengthNeverDesynchronisesTheConnection() {
        root.putChild("short", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Length", "10");
                request.write("abc".getBytes(StandardCharsets.UTF_8));
                request.finish();
                return NOT_DONE_YET;
            }
        });
        root.putChild("long", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Length", "2");
                return Rendered.text("abc");
            }
        });
        Wire shortWire = wire();
        shortWire.send("GET /short HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(shortWire.transport.isAborted(), "a short body ends with the connection");
        assertEquals(1, shortWire.responses().length);
        Wire longWire = wire();
        longWire.send("GET /long HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(longWire.output().startsWith("HTTP/1.1 500 "), longWire.output());
        assertTrue(longWire.output().contains("Content-Length: " + bodyOf(longWire.output()).length() + "\r\n"));
    }

    @Test
    void validHostFormsAreTaken() {
        for (String host : new String[] {"a", "a:8080", "127.0.0.1:1", "[::1]:80", "[v1.x]", "xn--d-ss.example", "a:", ""}) {
            Wire wire = wire();
            wire.send("GET /hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertTrue(wire.output().startsWith("HTTP/1.1 200 "), host + ": " + wire.output());
        }
    }

    @Test
    void aBodySentTooSlowlyIsCutByTheWholeBodyDeadline() {
        // One byte every 2 s: the 60 s stall timeout never fires, the 20 s + 1 s/500 B deadline does.
        Wire wire = wire();
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n");
        for (int second = 0; second < 20; second += 2) {
            wire.send("x");
            wire.clock.advance(Duration.ofSeconds(2));
        }
        assertEquals("", wire.output());
        wire.clock.advance(Duration.ofMillis(100));
        assertTrue(wire.output().startsWith("HTTP/1.1 408 "), wire.output());
        assertTrue(wire.output().contains("request body too slow"));
        assertTrue(wire.closed());
    }

    @Test
    void aBodyKeepingTheMinimumRateEarnsMoreTime() {
        Wire wire = wire();
        wire.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 30000\r\n\r\n");
        for (int second = 0; second < 30; second++) {
            wire.send("x".repeat(1000));
            wire.clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(wire.output().startsWith("HTTP/1.1 200 "), wire.output());
    }

    @Test
    void aBodyForAMethodNotAllowedIsAnsweredWithoutReadingIt() {
        Wire wire = wire();
        wire.send("POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 5000000\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 405 "), wire.output());
        assertTrue(wire.output().contains("\r\nConnection: close\r\n"));
        assertTrue(wire.transport.isWriteConnectionClosed(), "closes lingering");
    }

    @Test
    void aFailureAfterTheHeadAbortsRatherThanLookingComplete() {
        Resource failing = new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.write("partial".getBytes(StandardCharsets.UTF_8));
                request.fail(500, "broke midway");
                return NOT_DONE_YET;
            }
        };
        root.putChild("failing", failing);
        Wire wire = wire();
        wire.send("GET /failing HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 200 "));
        assertFalse(wire.output().contains("0\r\n\r\n"), "no last chunk: the response must not look complete");
        assertTrue(wire.transport.isAborted());
    }

    @Test
    void aPausedOutputStopsTakingPipelinedRequests() {
        Wire wire = wire();
        wire.channel.pauseProducing();
        wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(0, wire.responses().length);
        assertEquals(StringTransport.ProducerState.PAUSED, wire.transport.producerState());
        wire.channel.resumeProducing();
        assertEquals(2, wire.responses().length);
        assertEquals(StringTransport.ProducerState.PRODUCING, wire.transport.producerState());
    }

    @Test
    void aClosingConnectionIsAbortedAfterTheCloseDeadline() {
        Wire wire = wire();
        wire.send("GET /hello HTTP/1.0\r\n\r\n");
        assertTrue(wire.transport.isDisconnecting());
        wire.clock.advance(ServerConfig.DEFAULT.closeTimeout().minusMillis(1));
        assertFalse(wire.transport.isAborted());
        wire.clock.advance(Duration.ofMillis(1));
        assertTrue(wire.transport.isAborted(), "a client that never takes the last bytes cannot hold the connection");
    }

    @Test
    void theConfigRefusesNonsenseNamingTheField() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.DEFAULT.withIdleTimeout(Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().contains("idleTimeout"));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.DEFAULT.withMaxQueryFields(0));
        assertTrue(zero.getMessage().contains("maxQueryFields"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.DEFAULT.withCloseTimeout(Duration.ZERO));
    }

    @Test
    void aRespondedBodyGoesToTheTransportUncopied() {
        byte[] body = "the very array".getBytes(StandardCharsets.UTF_8);
        Resource same = new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.body(body);
            }
        };
        root.putChild("same", same);
        List<byte[]> written = new ArrayList<>();
        StringTransport recording = new StringTransport() {
            @Override
            public void write(byte[] data) {
                written.add(data);
                super.write(data);
            }
        };
        HttpChannel channel = new HttpChannel(new Site(root), ServerConfig.DEFAULT, new TestClock(), false);
        channel.makeConnection(recording);
        channel.dataReceived("GET /same HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(written.stream().anyMatch(piece -> piece == body), "the body array itself is written, not a copy with the head");
    }
}
