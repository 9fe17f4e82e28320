package dev.torsion.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.http.HttpError;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.TestResources;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.StringTransport.ProducerState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies that stream to their resource as they arrive, driven byte by byte on the memory transport. */
class StreamedBodyTest {
    private final Resource root = new Resource();
    private final Upload upload = new Upload();

    StreamedBodyTest() {
        root.putChild("upload", upload);
        root.putChild("hello", new TestResources.Text("Hello, world!"));
        root.putChild("echo", new TestResources.Echo());
    }

    private Wire wire() {
        return wire(ServerConfig.DEFAULT.withServerName(null));
    }

    private Wire wire(ServerConfig config) {
        return new Wire(new Site(root, config));
    }

    private static String bodyOf(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /**
     * A resource that takes its body piece by piece. What it does when is up to the test: by
     * default it reads the body at once and answers with what it got once the body is whole.
     */
    static final class Upload extends Resource {
        final List<String> events = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        final List<Protocol> receivers = new ArrayList<>();
        boolean readAtOnce = true;
        boolean answerWhenDone = true;
        boolean pauseOnData;
        long maxBody = -1;

        Upload() {
            super(true);
        }

        @Override
        public boolean streamsRequestBody(Request request) {
            return true;
        }

        @Override
        public long maxRequestBodySize() {
            return maxBody;
        }

        @Override
        protected Rendered renderPOST(Request request) {
            events.add("render");
            requests.add(request);
            if (readAtOnce) {
                read(request);
            }
            return NOT_DONE_YET;
        }

        void read(Request request) {
            StringBuilder got = new StringBuilder();
            Protocol receiver = new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    String piece = new String(data, StandardCharsets.ISO_8859_1);
                    got.append(piece);
                    events.add("data:" + piece);
                    if (pauseOnData) {
                        transport().pauseProducing();
                    }
                }

                @Override
                public void connectionLost(Failure reason) {
                    events.add("end:" + reason.type().getSimpleName()
                            + (reason.value() instanceof HttpError error ? " " + error.status() : ""));
                    if (answerWhenDone && reason.check(RequestBodyDone.class) != null && !request.isFinished()) {
                        request.respond(("got " + got).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            };
            receivers.add(receiver);
            request.deliverBody(receiver);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rendersAtTheHeadAndGetsTheBodyAsItArrives(boolean byteByByte) {
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", byteByByte);
        assertEquals(List.of("render"), upload.events, "rendered before any body byte");
        wire.send("abc", byteByByte);
        assertEquals("", wire.output(), "no answer before the body is whole");
        wire.send("de" + "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n", byteByByte);
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertEquals("got abcde", bodyOf(responses[0]));
        assertFalse(responses[0].contains("Connection: close"), responses[0]);
        assertEquals("Hello, world!", bodyOf(responses[1]));
        assertEquals("end:RequestBodyDone", upload.events.get(upload.events.size() - 1));
        if (byteByByte) {
            assertEquals(List.of("render", "data:a", "data:b", "data:c", "data:d", "data:e", "end:RequestBodyDone"), upload.events);
        }
    }

    /**
     * Seeded property: any body, chunked or sized, fed in any splits to a receiver that pauses and
     * resumes at random, arrives exactly, and the next pipelined request is answered after it.
     */
    @Test
    void anyBodyInAnySplitsArrivesExactly() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            byte[] content = new byte[random.nextInt(6000)];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) ('a' + random.nextInt(26));
            }
            boolean chunked = random.nextBoolean();
            StringBuilder request = new StringBuilder("POST /upload HTTP/1.1\r\nHost: a\r\n");
            String body = new String(content, StandardCharsets.ISO_8859_1);
            if (chunked) {
                request.append("Transfer-Encoding: chunked\r\n\r\n");
                for (int at = 0; at < content.length; ) {
                    int size = Math.min(content.length - at, 1 + random.nextInt(700));
                    request.append(Integer.toHexString(size)).append("\r\n").append(body, at, at + size).append("\r\n");
                    at += size;
                }
                request.append("0\r\n\r\n");
            } else {
                request.append("Content-Length: ").append(content.length).append("\r\n\r\n").append(body);
            }
            request.append("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");

            Upload sink = new Upload();
            sink.readAtOnce = false;
            Resource site = new Resource();
            site.putChild("upload", sink);
            site.putChild("hello", new TestResources.Text("Hello, world!"));
            Wire wire = new Wire(new Site(site, ServerConfig.DEFAULT.withServerName(null)));
            byte[] bytes = request.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int at = 0; at < bytes.length; ) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(900));
                wire.channel.dataReceived(Arrays.copyOfRange(bytes, at, at + size));
                at += size;
                if (!sink.requests.isEmpty() && sink.receivers.isEmpty() && random.nextInt(3) == 0) {
                    sink.read(sink.requests.get(0));
                }
                if (!sink.receivers.isEmpty() && random.nextInt(4) == 0) {
                    var pipe = sink.receivers.get(0).transport();
                    if (random.nextBoolean()) {
                        pipe.pauseProducing();
                    } else {
                        pipe.resumeProducing();
                    }
                }
                while (wire.transport.producerState() == ProducerState.PAUSED) {
                    // The client cannot send while the server does not read: resume as the application would.
                    if (sink.receivers.isEmpty()) {
                        sink.read(sink.requests.get(0));
                    } else {
                        sink.receivers.get(0).transport().resumeProducing();
                    }
                }
            }
            if (sink.receivers.isEmpty()) {
                sink.read(sink.requests.get(0));
            }
            String[] responses = wire.responses();
            assertEquals(2, responses.length, "seed " + seed + ": " + wire.output());
            assertEquals("got " + body, bodyOf(responses[0]), "seed " + seed);
            assertEquals("Hello, world!", bodyOf(responses[1]), "seed " + seed);
        }
    }

    @Test
    void chunkedBodyStreamsWithItsTrailers() {
        Wire wire = wire();
        wire.sendByteByByte("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n");
        assertEquals("got abcde", bodyOf(wire.output()));
        assertEquals("5", upload.requests.get(0).trailers().get("X-Sum"));
    }

    @Test
    void whatArrivedBeforeDeliveryIsDeliveredFirst() {
        upload.readAtOnce = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabc");
        upload.read(upload.requests.get(0));
        assertEquals(List.of("render", "data:abc"), upload.events);
        wire.send("def");
        assertEquals("got abcdef", bodyOf(wire.output()));
    }

    @Test
    void aReceiverThatPausesPausesTheClientAndTheBodyDoesNotTimeOut() {
        upload.pauseOnData = true;
        Wire wire = wire(ServerConfig.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)));
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab");
        assertEquals(ProducerState.PAUSED, wire.transport.producerState());
        wire.clock.advance(Duration.ofSeconds(30));
        assertEquals("", wire.output(), "a body waiting on its receiver is not the client's stall");
        upload.receivers.get(0).transport().resumeProducing();
        assertEquals(ProducerState.PRODUCING, wire.transport.producerState());
        wire.send("cd");
        upload.receivers.get(0).transport().resumeProducing();
        assertTrue(wire.output().startsWith("HTTP/1.1 200 "), wire.output());
        assertEquals("got abcd", bodyOf(wire.output()));
        assertEquals(ProducerState.PRODUCING, wire.transport.producerState(), "reading resumes for the next request");
    }

    @Test
    void continueIsSentOnlyWhenTheBodyIsAskedFor() {
        upload.readAtOnce = false;
        Wire wire = wire(ServerConfig.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)));
        wire.sendByteByByte("POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        wire.clock.advance(Duration.ofSeconds(30));
        assertEquals("", wire.output(), "no 100 and no 408 while the resource has not asked for the body");
        upload.read(upload.requests.get(0));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", wire.output());
        wire.send("xyz");
        assertEquals("got xyz", bodyOf(wire.output().substring("HTTP/1.1 100 Continue\r\n\r\n".length())));
        assertFalse(wire.closed());
    }

    @Test
    void anAnswerWithoutAskingForTheBodyClosesAConnectionThatWaitsFor100() {
        Resource refuser = new Resource(true) {
            @Override
            public boolean streamsRequestBody(Request request) {
                return true;
            }

            @Override
            protected Rendered renderPOST(Request request) {
                request.setResponseCode(401);
                return Rendered.text("no");
            }
        };
        root.putChild("guarded", refuser);
        Wire wire = wire();
        wire.send("POST /guarded HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n");
        String response = wire.output();
        assertTrue(response.startsWith("HTTP/1.1 401 "), response);
        assertFalse(response.contains("100 Continue"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertTrue(wire.closed());
    }

    @Test
    void aSmallUnreadRestIsDrainedAndTheConnectionKept() {
        upload.readAtOnce = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234");
        upload.requests.get(0).respond("early".getBytes(StandardCharsets.UTF_8));
        assertFalse(wire.output().contains("Connection: close"), wire.output());
        wire.send("56789GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertEquals("early", bodyOf(responses[0]));
        assertEquals("Hello, world!", bodyOf(responses[1]));
        assertFalse(wire.closed());
        assertThrows(IllegalStateException.class, () -> upload.read(upload.requests.get(0)),
                "a body dropped after the answer cannot be delivered as if it were whole");
    }

    @Test
    void aLargeUnreadRestClosesTheConnectionAfterTheAnswer() {
        upload.readAtOnce = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5000000\r\n\r\n01234");
        upload.requests.get(0).respond("early".getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.output().contains("\r\nConnection: close\r\n"), wire.output());
        assertTrue(wire.closed());
    }

    @Test
    void anUnreadChunkedRestClosesTheConnectionAfterTheAnswer() {
        upload.readAtOnce = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        upload.requests.get(0).respond("early".getBytes(StandardCharsets.UTF_8));
        assertTrue(wire.output().contains("\r\nConnection: close\r\n"), wire.output());
    }

    @Test
    void aBodyOverTheLimitIs413AndTheReceiverHearsIt() {
        upload.maxBody = 4;
        Wire wire = wire();
        wire.sendByteByByte("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n");
        String response = wire.output();
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertEquals("end:HttpError 413", upload.events.get(upload.events.size() - 1));
        assertTrue(upload.requests.get(0).isLost(), "the resource's own answer is dropped");
        assertTrue(wire.closed());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeRendering() {
        upload.maxBody = 4;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 413 "), wire.output());
        assertEquals(List.of(), upload.events);
    }

    @Test
    void aStalledBodyIs408AndTheReceiverHearsIt() {
        Wire wire = wire(ServerConfig.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)));
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab");
        wire.clock.advance(Duration.ofSeconds(6));
        assertTrue(wire.output().startsWith("HTTP/1.1 408 "), wire.output());
        assertEquals("end:HttpError 408", upload.events.get(upload.events.size() - 1));
    }

    @Test
    void aMalformedChunkIs400AndTheReceiverHearsIt() {
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 400 "), wire.output());
        assertEquals(List.of("render", "data:abc", "end:HttpError 400"), upload.events);
    }

    @Test
    void anErrorAfterTheAnswerBeganAbortsTheConnection() {
        upload.readAtOnce = true;
        upload.answerWhenDone = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        upload.requests.get(0).write("partial".getBytes(StandardCharsets.UTF_8));
        wire.send("zz\r\n");
        assertTrue(wire.transport.isAborted(), "a response already under way cannot become a 400");
        assertEquals("end:HttpError 400", upload.events.get(upload.events.size() - 1));
    }

    @Test
    void aClientThatGoesAwayFailsTheBodyAndTheRequest() {
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab");
        List<String> finish = new ArrayList<>();
        upload.requests.get(0).notifyFinish().addErrback(failure -> {
            finish.add(failure.type().getSimpleName());
            return null;
        });
        wire.transport.closeConnection(wire.channel, false);
        assertEquals("end:ConnectionLost", upload.events.get(upload.events.size() - 1));
        assertEquals(List.of("ConnectionLost"), finish);
        assertTrue(upload.requests.get(0).isLost());
    }

    @Test
    void aHalfCloseInsideTheBodyIs400() {
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab");
        wire.channel.readConnectionLost();
        assertTrue(wire.output().startsWith("HTTP/1.1 400 "), wire.output());
        assertEquals("end:HttpError 400", upload.events.get(upload.events.size() - 1));
    }

    @Test
    void aReceiverThatStopsTheBodyHearsItAndTheRestIsDropped() {
        upload.answerWhenDone = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabc");
        upload.receivers.get(0).transport().loseConnection();
        assertEquals(List.of("render", "data:abc", "end:ConnectionAborted"), upload.events);
        wire.send("def");
        assertEquals(3, upload.events.size(), "nothing after the stop reaches the receiver");
        upload.requests.get(0).respond("stopped".getBytes(StandardCharsets.UTF_8));
        wire.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertEquals("Hello, world!", bodyOf(responses[1]));
    }

    @Test
    void aRequestWithoutBodyEndsItsStreamAtOnce() {
        Resource getter = new Resource(true) {
            @Override
            public boolean streamsRequestBody(Request request) {
                return true;
            }

            @Override
            protected Rendered renderGET(Request request) {
                request.deliverBody(new Protocol() {
                    @Override
                    public void connectionLost(Failure reason) {
                        request.respond(reason.type().getSimpleName().getBytes(StandardCharsets.UTF_8));
                    }
                });
                return NOT_DONE_YET;
            }
        };
        root.putChild("get", getter);
        Wire wire = wire();
        wire.sendByteByByte("GET /get HTTP/1.1\r\nHost: a\r\n\r\nGET /get HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertEquals("RequestBodyDone", bodyOf(responses[0]));
        assertEquals("RequestBodyDone", bodyOf(responses[1]));
    }

    @Test
    void aStreamedBodyIsNotBufferedAndABufferedOneIsNotStreamed() {
        upload.readAtOnce = false;
        Wire wire = wire();
        wire.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\n");
        Request streamed = upload.requests.get(0);
        assertTrue(streamed.isBodyStreamed());
        assertThrows(IllegalStateException.class, streamed::content);
        upload.read(streamed);
        assertThrows(IllegalStateException.class, () -> streamed.deliverBody(new Protocol() { }));

        List<Request> buffered = new ArrayList<>();
        root.putChild("plain", new Resource(true) {
            @Override
            protected Rendered renderPOST(Request request) {
                buffered.add(request);
                return Rendered.empty();
            }
        });
        Wire other = wire();
        other.send("POST /plain HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx");
        assertFalse(buffered.get(0).isBodyStreamed());
        assertThrows(IllegalStateException.class, () -> buffered.get(0).deliverBody(new Protocol() { }));
    }
}
