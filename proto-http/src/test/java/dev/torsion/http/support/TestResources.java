package dev.torsion.http.support;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
        protected Rendered renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return Rendered.text(text);
        }
    }

    /** Echoes the POST body, and says method and path on GET. */
    public static final class Echo extends Resource {
        public Echo() {
            super(true);
        }

        @Override
        protected Rendered renderGET(Request request) {
            return Rendered.text(request.method() + " " + request.path() + " " + request.postpath());
        }

        @Override
        protected Rendered renderPOST(Request request) {
            return Rendered.body(request.content());
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
        protected Rendered renderGET(Request request) {
            Deferred<byte[]> answer = new Deferred<>();
            pending.add(answer);
            requests.add(request);
            return renderLater(request, answer.addCallback(Rendered::body));
        }
    }

    /** Streams pieces with write and no length (chunked). */
    public static final class Streamed extends Resource {
        public Streamed() {
            super(true);
        }

        @Override
        protected Rendered renderGET(Request request) {
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
        protected Rendered renderGET(Request request) {
            throw new IllegalStateException("secret internal detail");
        }
    }

    /**
     * Streams PUT and POST bodies into a SHA-256 digest and answers {@code "<bytes> <hex digest>"}.
     * While {@link #holding} is set, each body's reading stays paused until {@link #release()}.
     */
    public static final class DigestSink extends Resource {
        public boolean holding;
        public long maxBody = -1;
        private final List<Transport> held = new ArrayList<>();

        public DigestSink() {
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

        /** Lets every held body flow. Call on the reactor thread. */
        public void release() {
            holding = false;
            held.forEach(Transport::resumeProducing);
            held.clear();
        }

        @Override
        protected Rendered renderPUT(Request request) {
            return renderPOST(request);
        }

        @Override
        protected Rendered renderPOST(Request request) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long[] count = new long[1];
            request.deliverBody(new Protocol() {
                @Override
                public void connectionMade() {
                    if (holding) {
                        transport().pauseProducing();
                        held.add(transport());
                    }
                }

                @Override
                public void dataReceived(byte[] data) {
                    count[0] += data.length;
                    digest.update(data);
                }

                @Override
                public void connectionLost(Failure reason) {
                    if (reason.check(RequestBodyDone.class) != null && !request.isFinished()) {
                        request.setHeader("Content-Type", "text/plain");
                        request.respond((count[0] + " " + HexFormat.of().formatHex(digest.digest()))
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
            });
            return NOT_DONE_YET;
        }
    }
}
