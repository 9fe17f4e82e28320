package dev.torsion.benchmarks.http;

import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;

/**
 * Torsion's side of the upload benchmark: takes a request body as it streams in, adds up the sizes
 * of its pieces and answers the total as decimal text, as the raw Netty baseline does at its
 * {@code LastHttpContent}. Nothing of the body is kept, so any size is accepted.
 */
final class ByteCounter extends Resource {
    ByteCounter() {
        super(true);
    }

    /** Render at the head, read the body with {@link Request#deliverBody}. */
    @Override
    public boolean streamsRequestBody(Request request) {
        return true;
    }

    @Override
    public long maxRequestBodySize() {
        return Long.MAX_VALUE;
    }

    @Override
    public Rendered render(Request request) {
        request.deliverBody(new Counting(request));
        return NOT_DONE_YET;
    }

    /** Counts one body's bytes and answers the count once the body is whole. */
    private static final class Counting extends Protocol {
        private final Request request;
        private long counted;

        Counting(Request request) {
            this.request = request;
        }

        @Override
        public void dataReceived(byte[] piece) {
            counted += piece.length;
        }

        @Override
        public void connectionLost(Failure reason) {
            // Anything else: the body is incomplete and the server has answered (or lost) the client.
            if (reason.check(RequestBodyDone.class) != null) {
                request.setHeader("Content-Type", "text/plain");
                request.respond((counted + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
