package dev.torsion.http.resource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.http.server.Request;
import dev.torsion.http.support.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A render result is a body now or {@link Resource#NOT_DONE_YET}, two types: an empty body is
 * answered at once ({@code 200}, {@code Content-Length: 0}, the request finished, the connection
 * free for the next one) and never waits as "not done yet" would.
 */
class RenderedTest {
    private static final String TWO_REQUESTS = "GET /r HTTP/1.1\r\nHost: a\r\n\r\nGET /r HTTP/1.1\r\nHost: a\r\n\r\n";

    private final List<Request> rendered = new ArrayList<>();
    private final List<Request> logged = new ArrayList<>();

    private Wire serving(Supplier<Rendered> answer) {
        Resource root = new Resource();
        root.putChild("r", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                rendered.add(request);
                return answer.get();
            }
        });
        return new Wire(new Site(root).setAccessLog(logged::add));
    }

    private void assertTwoEmptyAnswers(Wire wire) {
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        for (String response : responses) {
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("\r\nContent-Length: 0\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\n"), response);
        }
        assertEquals(2, rendered.size());
        assertTrue(rendered.stream().allMatch(Request::isFinished));
        assertEquals(rendered, logged);
        assertFalse(wire.closed());
    }

    @Test
    void anEmptyBodyIsAnsweredAtOnce() {
        Wire wire = serving(Rendered::empty).send(TWO_REQUESTS);
        assertTwoEmptyAnswers(wire);
    }

    @Test
    void anEmptyArrayOrTextIsAnEmptyBodyNotNotDoneYet() {
        Wire wire = serving(() -> Rendered.body(new byte[0])).send(TWO_REQUESTS);
        assertTwoEmptyAnswers(wire);

        rendered.clear();
        logged.clear();
        Wire text = serving(() -> Rendered.text("")).sendByteByByte(TWO_REQUESTS);
        assertTwoEmptyAnswers(text);
    }

    @Test
    void anEmptyBodyGivenLaterIsAnsweredWhenItComes() {
        List<Deferred<Rendered>> pending = new ArrayList<>();
        Wire wire = serving(() -> {
            Deferred<Rendered> later = new Deferred<>();
            pending.add(later);
            return Resource.renderLater(rendered.get(rendered.size() - 1), later);
        }).send(TWO_REQUESTS);
        assertEquals("", wire.output());
        pending.get(0).callback(Rendered.empty());
        assertEquals(2, pending.size(), "the first answer frees the connection for the pipelined second");
        pending.get(1).callback(Rendered.body(new byte[0]));
        assertTwoEmptyAnswers(wire);
    }

    @Test
    void notDoneYetLeavesTheRequestToTheResource() {
        Wire wire = serving(() -> Resource.NOT_DONE_YET).send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("", wire.output());
        Request request = rendered.get(0);
        assertFalse(request.isFinished());
        assertEquals(List.of(), logged);

        request.write("late".getBytes(StandardCharsets.US_ASCII));
        request.finish();
        assertTrue(wire.output().startsWith("HTTP/1.1 200 OK\r\n"), wire.output());
        assertTrue(wire.output().endsWith("4\r\nlate\r\n0\r\n\r\n"), wire.output());
        assertEquals(List.of(request), logged);
    }

    @Test
    void aDeferredThatGivesNotDoneYetLeavesTheRequestAlone() {
        Deferred<Rendered> later = new Deferred<>();
        Wire wire = serving(() -> Resource.renderLater(rendered.get(0), later)).send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        later.callback(Resource.NOT_DONE_YET);
        assertEquals("", wire.output());
        rendered.get(0).respond("mine".getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.output().startsWith("HTTP/1.1 200 OK\r\n"), wire.output());
        assertTrue(wire.output().contains("\r\nContent-Length: 4\r\n\r\nmine"), wire.output());
    }

    @Test
    void aDeferredThatGivesNullIsA500NotAHang() {
        Deferred<Rendered> later = new Deferred<>();
        Wire wire = serving(() -> Resource.renderLater(rendered.get(0), later)).send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        later.callback(null);
        assertTrue(wire.output().startsWith("HTTP/1.1 500 "), wire.output());
        assertTrue(rendered.get(0).isFinished());
    }

    @Test
    void aRenderThatReturnsNullIsA500() {
        Wire wire = serving(() -> null).send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 500 "), wire.output());
        assertTrue(rendered.get(0).isFinished());
    }

    @Test
    void aBodyKeptInAConstantCannotBeChangedThroughIt() {
        Rendered.Body hello = Rendered.text("hello");
        byte[] copy = hello.bytes();
        copy[0] = 'J';
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), hello.bytes());
        assertNotSame(hello.bytes(), hello.bytes());
        assertEquals(5, hello.length());

        Wire wire = serving(() -> hello).send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(wire.output().endsWith("\r\nContent-Length: 5\r\n\r\nhello"), wire.output());
    }

    @Test
    void theMarkerIsOneValueOfItsOwnType() {
        assertSame(Rendered.NotDoneYet.NOT_DONE_YET, Resource.NOT_DONE_YET);
        assertThrows(NullPointerException.class, () -> Rendered.body(null));
    }

    @Test
    void optionsAnswersAnEmpty204AtOnce() {
        Resource root = new Resource();
        root.putChild("r", new Resource(true) {
            @Override
            protected Rendered renderGET(Request request) {
                return Rendered.text("x");
            }
        });
        Wire wire = new Wire(new Site(root)).send("OPTIONS /r HTTP/1.1\r\nHost: a\r\n\r\nGET /r HTTP/1.1\r\nHost: a\r\n\r\n");
        String[] responses = wire.responses();
        assertEquals(2, responses.length, wire.output());
        assertTrue(responses[0].startsWith("HTTP/1.1 204 No Content\r\n"), responses[0]);
        assertTrue(responses[0].contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"), responses[0]);
        assertTrue(responses[1].endsWith("\r\n\r\nx"), responses[1]);
    }
}
