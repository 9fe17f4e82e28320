package example.upload;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.client.Agent;
import dev.torsion.http.client.FileBodyProducer;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.NettyReactor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A streamed upload, both ends. The server's {@code PUT /sha256} reads its body piece by piece as
 * it arrives and answers with the body's size and SHA-256, so an upload of any size costs it a
 * few buffers of memory, never the whole body. The client sends a file with the Agent and a
 * {@link FileBodyProducer}, which reads the file only as fast as the socket takes it.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.args="some.iso"         # serve on a free port, upload some.iso to it
 * mvn -q compile exec:java -Dexec.args="serve 8080"       # just serve; then:
 * curl -T some.iso http://127.0.0.1:8080/sha256
 * </pre>
 */
public final class HttpUpload {
    private HttpUpload() {
    }

    /** Answers a PUT with {@code "<bytes> <sha256 hex>\n"} of its body, read as it streams in. */
    static final class Sha256 extends Resource {
        Sha256() {
            super(true);
        }

        /** Take the body as it arrives instead of buffering it before rendering. */
        @Override
        public boolean streamsRequestBody(Request request) {
            return true;
        }

        /** Any size: nothing is kept. */
        @Override
        public long maxRequestBodySize() {
            return Long.MAX_VALUE;
        }

        @Override
        protected Rendered renderPUT(Request request) {
            MessageDigest digest = sha256();
            long[] size = new long[1];
            request.deliverBody(new Protocol() {
                @Override
                public void dataReceived(byte[] piece) {
                    size[0] += piece.length;
                    digest.update(piece);
                }

                @Override
                public void connectionLost(Failure reason) {
                    // Anything but RequestBodyDone means the body is incomplete and the server
                    // has already answered the client (413, 408, 400) or lost it.
                    if (reason.check(RequestBodyDone.class) != null) {
                        request.setHeader("Content-Type", "text/plain");
                        request.respond(answer(size[0], digest));
                    }
                }
            });
            return NOT_DONE_YET;
        }
    }

    static byte[] answer(long size, MessageDigest digest) {
        return (size + " " + HexFormat.of().formatHex(digest.digest()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The local answer the server should give for {@code file}. */
    static String expectedAnswer(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        }
        return new String(answer(size, digest), StandardCharsets.US_ASCII);
    }

    /** Serves {@code /sha256} on {@code port} (0: a free one) of 127.0.0.1. */
    public static ListeningPort serve(Reactor reactor, int port) {
        Resource root = new Resource();
        root.putChild("sha256", new Sha256());
        return reactor.listenTCP(port, new Site(root).factory(reactor), 50, "127.0.0.1");
    }

    /** Uploads {@code file} to {@code url} and gives the server's answer. */
    public static Deferred<String> upload(Agent agent, String url, Path file) {
        FileBodyProducer body;
        try {
            body = new FileBodyProducer(file);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
        return agent.request("PUT", url, null, body)
                .addCallbackDeferred(Agent::readBody)
                .addCallback(bytes -> new String(bytes, StandardCharsets.US_ASCII));
    }

    /** {@code FILE}: serve on a free port and upload FILE to it; {@code serve PORT}: serve only. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("serve")) {
            Reactor reactor = NettyReactor.create();
            reactor.callWhenRunning(() -> System.out.println("PUT to http://127.0.0.1:"
                    + ((IPv4Address) serve(reactor, Integer.parseInt(args[1])).getHost()).port() + "/sha256"));
            reactor.run();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: HttpUpload FILE | HttpUpload serve PORT");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String expected = expectedAnswer(file);
        Reactor reactor = NettyReactor.create();
        reactor.callWhenRunning(() -> {
            int port = ((IPv4Address) serve(reactor, 0).getHost()).port();
            long start = reactor.nanoTime();
            upload(new Agent(reactor), "http://127.0.0.1:" + port + "/sha256", file)
                    .addCallback(answer -> {
                        System.out.print("server: " + answer);
                        System.out.print("local:  " + expected);
                        System.out.printf("%s in %d ms%n", answer.equals(expected) ? "match" : "MISMATCH",
                                (reactor.nanoTime() - start) / 1_000_000);
                        return null;
                    })
                    .addErrback(failure -> {
                        System.out.println("failed: " + failure.getErrorMessage());
                        return null;
                    })
                    .addFinally(reactor::stop);
        });
        reactor.run();
    }
}
