package dev.torsion.http.support;

import dev.torsion.defer.Deferred;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small resources for tests. */
public final class TestResources {
    private TestResources() {
    }

    /** Answers GET with fixed text. */
    public static final class Text extends Resource {
        private final String text;

        public Text(String text) {
            super(true);
            this.text = text;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Echoes the POST body, and says method and path on GET. */
    public static final class Echo extends Resource {
        public Echo() {
            super(true);
        }

        @Override
        protected byte[] renderGET(Request request) {
            return (request.method() + " " + request.path() + " " + request.postpath()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected byte[] renderPOST(Request request) {
            return request.content();
        }
    }

    /** Answers later, when the test fires the Deferred it kept. */
    public static final class Later extends Resource {
        public final List<Deferred<byte[]>> pending = new ArrayList<>();
        public final List<Request> requests = new ArrayList<>();

        public Later() {
            super(true);
        }

        @Override
        protected byte[] renderGET(Request request) {
            Deferred<byte[]> answer = new Deferred<>();
            pending.add(answer);
            requests.add(request);
            return renderLater(request, answer);
        }
    }

    /** Streams pieces with write and no length (chunked). */
    public static final class Streamed extends Resource {
        public Streamed() {
            super(true);
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.write("hello ".getBytes(StandardCharsets.UTF_8));
            request.write("world".getBytes(StandardCharsets.UTF_8));
            request.finish();
            return NOT_DONE_YET;
        }
    }

    /** Throws from render. */
    public static final class Broken extends Resource {
        public Broken() {
            super(true);
        }

        @Override
        protected byte[] renderGET(Request request) {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
