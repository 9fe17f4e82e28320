package dev.torsion.http.resource;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.HttpError;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.support.Wire;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.StringTransport.ProducerState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request body passed on while it arrives: {@link RequestBodyProducer} and the reverse proxy. */
class StreamedProxyTest {
    private final MemoryNet net = new MemoryNet();
    private final List<String> backendEvents = new ArrayList<>();
    private final List<String> backendHeaders = new ArrayList<>();

    /** A backend resource that streams its body and answers with what it got. */
    private final class Sink extends Resource {
        Sink() {
            super(true);
        }

        @Override
        public boolean streamsRequestBody(Request request) {
            return true;
        }

        @Override
        public Rendered render(Request request) {
            backendHeaders.add("te=" + request.getHeader("Transfer-Encoding") + " cl=" + request.getHeader("Content-Length")
                    + " expect=" + request.getHeader("Expect"));
            StringBuilder got = new StringBuilder();
            request.deliverBody(new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    String piece = new String(data, StandardCharsets.ISO_8859_1);
                    backendEvents.add(piece);
                    got.append(piece);
                }

                @Override
                public void connectionLost(Failure reason) {
                    backendEvents.add("end:" + reason.type().getSimpleName());
                    if (reason.check(RequestBodyDone.class) != null) {
                        request.respond(("stored " + got).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            });
            return NOT_DONE_YET;
        }
    }

    private Wire proxyFront() {
        Resource back = new Resource();
        back.putChild("sink", new Sink());
        net.serve("back", 8081, new Site(back));
        Resource front = new Resource();
        front.putChild("proxy", new ReverseProxyResource(new Agent(net, net.clock, AgentConfig.DEFAULT), "http://back:8081"));
        return new Wire(new Site(front));
    }

    private static String bodyOf(String response) {
        return response.substring(response.lastIndexOf("\r\n\r\n") + 4);
    }

    @Test
    void theProxyPassesAChunkedUploadOnPieceByPiece() {
        Wire client = proxyFront();
        client.send("POST /proxy/sink HTTP/1.1\r\nHost: front\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
        net.flush();
        assertEquals(List.of("first"), backendEvents, "the backend has the first piece while the client still sends");
        assertEquals(List.of("te=chunked cl=null expect=null"), backendHeaders);
        client.send("6\r\nsecond\r\n0\r\n\r\n");
        net.flush();
        assertEquals(List.of("first", "second", "end:RequestBodyDone"), backendEvents);
        assertTrue(client.output().startsWith("HTTP/1.1 200 "), client.output());
        assertEquals("stored firstsecond", bodyOf(client.output()));
        assertFalse(client.closed());
    }

    @Test
    void theProxyKeepsTheClientsLengthAndAnswersItsExpectation() {
        Wire client = proxyFront();
        client.send("PUT /proxy/sink HTTP/1.1\r\nHost: front\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        net.flush();
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", client.output());
        assertEquals(List.of("te=null cl=4 expect=null"), backendHeaders);
        client.send("data");
        net.flush();
        assertEquals("stored data", bodyOf(client.output()));
    }

    @Test
    void theProducerSteersTheReadingFromTheClient() {
        List<Request> requests = new ArrayList<>();
        List<RequestBodyProducer> producers = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<Deferred<Void>> done = new ArrayList<>();
        Consumer consumer = new Consumer() {
            @Override
            public void registerProducer(Producer producer, boolean streaming) {
            }

            @Override
            public void unregisterProducer() {
            }

            @Override
            public void write(byte[] data) {
                written.add(new String(data, StandardCharsets.ISO_8859_1));
            }
        };
        Resource passOn = new Resource(true) {
            @Override
            public boolean streamsRequestBody(Request request) {
                return true;
            }

            @Override
            public Rendered render(Request request) {
                requests.add(request);
                RequestBodyProducer producer = new RequestBodyProducer(request);
                producers.add(producer);
                producer.pauseProducing();
                done.add(producer.startProducing(consumer));
                return NOT_DONE_YET;
            }
        };
        Wire client = new Wire(new Site(passOn));
        client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n");
        RequestBodyProducer producer = producers.get(0);
        assertEquals(6, producer.length());
        assertEquals(ProducerState.PAUSED, client.transport.producerState(), "a pause before the start holds");
        producer.resumeProducing();
        assertEquals(ProducerState.PRODUCING, client.transport.producerState());
        client.send("abc");
        producer.pauseProducing();
        assertEquals(ProducerState.PAUSED, client.transport.producerState());
        producer.resumeProducing();
        client.send("def");
        assertEquals(List.of("abc", "def"), written);
        successResultOf(done.get(0));
        requests.get(0).respond(new byte[0]);

        client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\nxx\r\n");
        assertEquals(-1, producers.get(1).length());
        assertEquals(HttpError.class, failureResultOf(done.get(1)).type(), "a malformed body fails the producer");

        Wire other = new Wire(new Site(passOn));
        other.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nab");
        producers.get(2).resumeProducing();
        producers.get(2).stopProducing();
        assertNoResult(done.get(2));
        other.send("cdef");
        assertEquals(List.of("abc", "def", "ab", "ab"), written, "nothing is passed on after a stop");
    }

    @Test
    void aBufferedRequestCannotBeProducedFrom() {
        List<Request> seen = new ArrayList<>();
        Wire client = new Wire(new Site(new Resource(true) {
            @Override
            protected Rendered renderPOST(Request request) {
                seen.add(request);
                return Rendered.empty();
            }
        }));
        client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx");
        assertThrows(IllegalArgumentException.class, () -> new RequestBodyProducer(seen.get(0)));
    }
}
