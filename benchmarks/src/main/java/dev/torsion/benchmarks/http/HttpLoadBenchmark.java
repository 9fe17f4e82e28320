package dev.torsion.benchmarks.http;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.staticfiles.File;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark with {@code wrk}: Torsion's HTTP server against a raw Netty {@code HttpServerCodec}
 * server on the same kind of event loop (one thread each), and against {@code twistd3 web} for
 * scale. Two workloads: a 13-byte "Hello, world!" and a 1 MiB static file (Torsion's {@code File}
 * resource, which uses the transport's sendfile, against Netty's {@code DefaultFileRegion}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.HttpLoadBenchmark [seconds] [connections] [threads]
 * </pre>
 *
 * Needs {@code wrk} (Debian package wrk); {@code twistd3} (python3-twisted) is optional: without it
 * that row is skipped and said so.
 */
public final class HttpLoadBenchmark {
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TRANSFER = Pattern.compile("Transfer/sec:\\s+([0-9.]+)([KMG]?B)");

    private HttpLoadBenchmark() {
    }

    /** A leaf answering 13 bytes, as the baseline does. */
    static final class Hello extends Resource {
        private static final byte[] BODY = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

        Hello() {
            super(true);
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return BODY;
        }
    }

    /** One wrk run's figures. */
    record Result(double requestsPerSecond, String transfer) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("torsion-http-bench");
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("hello"), "Hello, world!");

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread loop = new Thread(reactor::run, "torsion-reactor");
        loop.start();
        running.await(10, TimeUnit.SECONDS);
        Resource root = new Resource();
        root.putChild("hello", new Hello());
        root.putChild("static", new File(dir));
        Site site = new Site(root, ServerConfig.DEFAULT);
        ListeningPort torsion = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, site.factory(reactor), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) torsion.getHost()).port();
        boolean epoll = reactor.kind().equals("epoll");
        RawNettyHttpServer netty = new RawNettyHttpServer(epoll, dir.resolve("big.bin").toFile());

        System.out.printf(Locale.ROOT, "event loops: Torsion %s, raw Netty %s; wrk -t%d -c%d -d%ds%n",
                reactor.kind(), epoll ? "epoll" : "nio", threads, connections, seconds);
        Map<String, Result> results = new LinkedHashMap<>();
        String wrk = "wrk -t" + threads + " -c" + connections + " -d" + seconds + "s";
        results.put("hello  raw Netty", measure(threads, connections, seconds, "http://127.0.0.1:" + netty.port() + "/hello"));
        results.put("hello  Torsion", measure(threads, connections, seconds, "http://127.0.0.1:" + torsionPort + "/hello"));
        results.put("1 MiB  raw Netty", measure(threads, connections, seconds, "http://127.0.0.1:" + netty.port() + "/static/big.bin"));
        results.put("1 MiB  Torsion", measure(threads, connections, seconds, "http://127.0.0.1:" + torsionPort + "/static/big.bin"));
        Process twistd = startTwistd(dir);
        if (twistd != null) {
            try {
                int port = twistdPort(twistd);
                results.put("hello  twistd3 web", measure(threads, connections, seconds, "http://127.0.0.1:" + port + "/hello"));
            } finally {
                twistd.destroy();
                twistd.waitFor(10, TimeUnit.SECONDS);
            }
        } else {
            System.out.println("twistd3 not found: the Twisted row is skipped");
        }
        netty.close();
        reactor.blockingCallFromThread(() -> torsion.stopListening());
        reactor.stop();
        loop.join(15_000);

        System.out.println();
        System.out.println("| server | requests/s | transfer/s |");
        System.out.println("|---|---:|---:|");
        results.forEach((name, result) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %s |%n", name,
                result.requestsPerSecond(), result.transfer()));
        ratio(results, "hello  Torsion", "hello  raw Netty");
        ratio(results, "1 MiB  Torsion", "1 MiB  raw Netty");
        if (results.containsKey("hello  twistd3 web")) {
            ratio(results, "hello  Torsion", "hello  twistd3 web");
        }
        System.out.println("command: " + wrk + " URL (after a " + warmup(seconds) + " s warm-up run)");
    }

    private static void ratio(Map<String, Result> results, String torsion, String baseline) {
        System.out.printf(Locale.ROOT, "%s / %s = %.2fx%n", torsion.trim(), baseline.trim(),
                results.get(torsion).requestsPerSecond() / results.get(baseline).requestsPerSecond());
    }

    private static int warmup(int seconds) {
        return Math.max(2, seconds / 3);
    }

    private static Result measure(int threads, int connections, int seconds, String url) throws Exception {
        wrk(threads, connections, warmup(seconds), url);
        return wrk(threads, connections, seconds, url);
    }

    private static Result wrk(int threads, int connections, int seconds, String url) throws Exception {
        Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("wrk failed on " + url + ":\n" + output);
        }
        if (output.contains("Non-2xx") || output.contains("Socket errors")) {
            System.out.println("warning for " + url + ":\n" + output);
        }
        Matcher requests = REQUESTS.matcher(output);
        Matcher transfer = TRANSFER.matcher(output);
        if (!requests.find() || !transfer.find()) {
            throw new IOException("cannot read wrk's output:\n" + output);
        }
        return new Result(Double.parseDouble(requests.group(1)), transfer.group(1) + " " + transfer.group(2));
    }

    private static Process startTwistd(Path dir) throws IOException {
        Path twistd = Path.of("/usr/bin/twistd3");
        if (!Files.isExecutable(twistd)) {
            return null;
        }
        return new ProcessBuilder(twistd.toString(), "-n", "--pidfile", dir.resolve("twistd.pid").toString(), "web",
                "--listen", "tcp:0:interface=127.0.0.1", "--path", dir.toString()).redirectErrorStream(true).start();
    }

    private static int twistdPort(Process twistd) throws Exception {
        Pattern starting = Pattern.compile("Site starting on (\\d+)");
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(twistd.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher matcher = starting.matcher(line);
                    if (matcher.find()) {
                        Thread drain = new Thread(() -> {
                            try {
                                reader.transferTo(java.io.Writer.nullWriter());
                            } catch (IOException e) {
                                // twistd is gone
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("twistd3 did not start:\n" + String.join("\n", lines));
        });
        return port.get(60, TimeUnit.SECONDS);
    }

}
