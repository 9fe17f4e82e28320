package dev.torsion.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The upload benchmark's load: {@code connections} blocking sockets, each on its own thread of a
 * private pool, each sending {@code requestsPerConnection} PUTs of {@code bodyBytes} over one
 * kept-alive connection, framed by Content-Length or chunked. The body is written from one
 * 64 KiB array of random bytes, so the client allocates and reads nothing while it sends; every
 * answer must be a 200 whose body is the decimal count of the bytes sent, or the run fails.
 */
final class UploadClient implements AutoCloseable {
    /** How a body is framed on the wire. */
    enum Framing {
        CONTENT_LENGTH, CHUNKED
    }

    private static final int PIECE = 64 * 1024;

    private final int connections;
    private final int requestsPerConnection;
    private final long bodyBytes;
    private final ExecutorService pool;
    private final byte[] piece = new byte[PIECE];
    private final byte[] chunk;

    UploadClient(int connections, int requestsPerConnection, long bodyBytes) {
        if (bodyBytes % PIECE != 0) {
            throw new IllegalArgumentException("the body size must be a multiple of " + PIECE);
        }
        this.connections = connections;
        this.requestsPerConnection = requestsPerConnection;
        this.bodyBytes = bodyBytes;
        this.pool = Executors.newFixedThreadPool(connections, work -> new Thread(work, "upload-client"));
        new Random(42).nextBytes(piece);
        byte[] size = (Integer.toHexString(PIECE) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        chunk = new byte[size.length + PIECE + 2];
        System.arraycopy(size, 0, chunk, 0, size.length);
        System.arraycopy(piece, 0, chunk, size.length, PIECE);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
    }

    /** Bytes of body one round sends in all. */
    long bytesPerRound() {
        return bodyBytes * connections * requestsPerConnection;
    }

    /**
     * Sends one round to {@code path} on 127.0.0.1:{@code port}: all connections are opened, then
     * released together; the time runs from that release to the last answer.
     *
     * @return the round's body bytes per second
     */
    double round(int port, String path, Framing framing) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setTcpNoDelay(true);
                sockets.add(socket);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (Socket socket : sockets) {
                done.add(pool.submit(() -> {
                    go.await();
                    upload(socket, path, framing);
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<Void> each : done) {
                each.get(10, TimeUnit.MINUTES);
            }
            long elapsed = System.nanoTime() - start;
            return bytesPerRound() / (elapsed / 1e9);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private void upload(Socket socket, String path, Framing framing) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String framingHeader = framing == Framing.CHUNKED ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyBytes;
        byte[] head = ("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + framingHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int request = 0; request < requestsPerConnection; request++) {
            out.write(head);
            for (long sent = 0; sent < bodyBytes; sent += PIECE) {
                if (framing == Framing.CHUNKED) {
                    out.write(chunk);
                } else {
                    out.write(piece);
                }
            }
            if (framing == Framing.CHUNKED) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String answer = readAnswer(in, path);
            if (!answer.trim().equals(Long.toString(bodyBytes))) {
                throw new IOException(String.format(Locale.ROOT, "%s counted %s bytes, %d were sent", path,
                        answer.trim(), bodyBytes));
            }
        }
    }

    /** Reads one answer with a Content-Length and gives its body; anything but a 200 fails. */
    private static String readAnswer(InputStream in, String path) throws IOException {
        String status = readLine(in);
        if (!status.startsWith("HTTP/1.1 200 ")) {
            throw new IOException(path + " answered " + status);
        }
        long length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        if (length < 0 || length > 64) {
            throw new IOException(path + " answered without a short Content-Length: " + length);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new IOException(path + " closed the connection inside its answer");
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection before answering");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
