package dev.torsion.http.h2.server;

import static dev.torsion.http.h2.server.H2Wire.join;
import static dev.torsion.http.h2.server.H2Wire.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.codec.Http2FrameWriter;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.internet.PushProducer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A response streamed by a producer is paused while the client's window is shut, and resumed when it opens. */
class Http2BackpressureTest {
    private static final int TOTAL = 1 << 20;
    private static final int PIECE = 16 * 1024;

    /** Writes PIECE-sized pieces while not paused, TOTAL in all. */
    static final class Streamer implements PushProducer {
        final Request request;
        int written;
        boolean paused;
        int pauses;

        Streamer(Request request) {
            this.request = request;
        }

        void run() {
            while (!paused && written < TOTAL) {
                written += PIECE;
                request.write(new byte[PIECE]);
            }
            if (written >= TOTAL && !paused) {
                request.unregisterProducer();
                request.finish();
            }
        }

        @Override
        public void pauseProducing() {
            paused = true;
            pauses++;
        }

        @Override
        public void resumeProducing() {
            paused = false;
            run();
        }

        @Override
        public void stopProducing() {
            paused = true;
        }
    }

    @Test
    void aZeroWindowPausesTheResponsesProducer() throws Exception {
        Streamer[] streamer = new Streamer[1];
        Resource root = new Resource();
        root.putChild("stream", new Resource() {
            @Override
            protected Rendered renderGET(Request request) {
                request.setHeader("Content-Length", Integer.toString(TOTAL));
                streamer[0] = new Streamer(request);
                request.registerProducer(streamer[0], true);
                streamer[0].run();
                return NOT_DONE_YET;
            }
        });
        Http2Limits limits = Http2Limits.DEFAULT;
        H2Wire wire = new H2Wire(new Site(root), limits);
        wire.send(join(open(), Http2FrameWriter.settingsAck(), wire.get(1, "/stream")), false);
        Streamer producer = streamer[0];
        assertTrue(producer.paused, "paused while the client's window is shut");
        assertTrue(producer.written <= 65_535 + limits.maxBufferedOutput() + PIECE, "held " + producer.written);
        List<String> first = wire.events();
        assertEquals(65_535, first.stream().filter(e -> e.startsWith("DATA")).mapToLong(e -> Long.parseLong(e.split(":")[2])).sum());
        // The client opens its windows: the rest flows and the producer runs to its end.
        wire.send(join(Http2FrameWriter.windowUpdate(0, TOTAL), Http2FrameWriter.windowUpdate(1, TOTAL)), false);
        assertFalse(producer.paused);
        assertEquals(TOTAL, producer.written);
        List<String> rest = wire.events();
        assertEquals(TOTAL - 65_535, rest.stream().filter(e -> e.startsWith("DATA")).mapToLong(e -> Long.parseLong(e.split(":")[2])).sum());
        assertTrue(rest.get(rest.size() - 1).endsWith(":end"), rest.get(rest.size() - 1));
    }
}
