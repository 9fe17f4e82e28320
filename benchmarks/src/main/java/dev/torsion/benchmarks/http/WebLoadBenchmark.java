package dev.torsion.benchmarks.http;

import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code torsion web} (the real launcher, as a user runs it) against nginx serving the same files,
 * with one and with two reactors/workers, the access log on in both; beside them the raw Netty
 * hello (the in-process {@code HttpServerCodec} baseline, one event loop) on the 13-byte file and
 * {@code twistd3 web} for scale.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.WebLoadBenchmark [seconds] [connections] [rounds] [workers,...]
 * </pre>
 *
 * Run from the source tree's root (it starts {@code ./torsion}). Every server is measured in
 * interleaved rounds after one untimed warm-up run each; the medians and their ratios are
 * printed. Defaults: 5 s per run, 50 connections, 2 wrk threads, 3 rounds, workers 1 and 2.
 * Needs {@code wrk} and {@code nginx} (Debian nginx-light); {@code twistd3} is optional.
 */
public final class WebLoadBenchmark {
    private static final int WRK_THREADS = 2;
    private static final Map<String, Integer> FILES = new LinkedHashMap<>();

    static {
        FILES.put("hello.txt", 13);
        FILES.put("16k.bin", 16 * 1024);
        FILES.put("1m.bin", 1 << 20);
    }

    private WebLoadBenchmark() {
    }

    /**
     * Runs the rounds and prints them, then the medians and ratios.
     *
     * @param args optional: seconds per wrk run, connections, rounds, comma-separated worker counts
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] workerCounts = (args.length > 3 ? args[3] : "1,2").split(",");
        Path dir = Files.createTempDirectory("torsion-web-bench");
        Path www = Files.createDirectory(dir.resolve("www"));
        writeFiles(www);
        // nginx's workers run as nobody when it is started as root: they must be able to read the tree.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectory(dir.resolve("logs"));

        List<String> summary = new ArrayList<>();
        for (String count : workerCounts) {
            int workers = Integer.parseInt(count.trim());
            summary.addAll(measure(dir, www, workers, seconds, connections, rounds));
        }
        double twisted = twisted(www, seconds, connections);
        System.out.println();
        System.out.println("| workers | file | nginx median req/s | Torsion median req/s | Torsion / nginx | raw Netty hello median | Torsion / raw Netty |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        summary.forEach(System.out::println);
        if (twisted > 0) {
            System.out.printf(Locale.ROOT, "twistd3 web, 13-byte file: %.0f req/s (one run)%n", twisted);
        }
        System.out.printf(Locale.ROOT, "command: wrk -t%d -c%d -d%ds URL, %d interleaved rounds after one warm-up run each%n",
                WRK_THREADS, connections, seconds, rounds);
    }

    private static void writeFiles(Path www) throws IOException {
        Random random = new Random(42);
        for (Map.Entry<String, Integer> file : FILES.entrySet()) {
            if (file.getKey().equals("hello.txt")) {
                Files.writeString(www.resolve(file.getKey()), "Hello, world!");
                continue;
            }
            byte[] bytes = new byte[file.getValue()];
            random.nextBytes(bytes);
            Files.write(www.resolve(file.getKey()), bytes);
        }
    }

    /** The rows of one worker count: each file on nginx and Torsion (and the raw Netty hello with one worker). */
    private static List<String> measure(Path dir, Path www, int workers, int seconds, int connections, int rounds)
            throws Exception {
        int torsionPort = FreePorts.tcp();
        int nginxPort = FreePorts.tcp();
        Process torsion = startTorsion(dir, www, workers, torsionPort);
        Process nginx = startNginx(dir, www, workers, nginxPort);
        RawNettyHttpServer netty = workers == 1 ? new RawNettyHttpServer(true, www.resolve("1m.bin").toFile()) : null;
        List<String> rows = new ArrayList<>();
        try {
            awaitListening(torsionPort, torsion);
            awaitListening(nginxPort, nginx);
            for (String file : FILES.keySet()) {
                List<String> urls = new ArrayList<>(List.of("http://127.0.0.1:" + nginxPort + "/" + file,
                        "http://127.0.0.1:" + torsionPort + "/" + file));
                if (netty != null && file.equals("hello.txt")) {
                    urls.add("http://127.0.0.1:" + netty.port() + "/hello");
                }
                double[] medians = interleaved(urls, workers + " worker(s) " + file, seconds, connections, rounds);
                rows.add(row(workers, file, medians));
            }
        } finally {
            stop(torsion);
            stop(nginx);
            if (netty != null) {
                netty.close();
            }
        }
        return rows;
    }

    private static String row(int workers, String file, double[] medians) {
        String netty = medians.length > 2 ? String.format(Locale.ROOT, "%.0f | %.2fx", medians[2], medians[1] / medians[2]) : "- | -";
        return String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.2fx | %s |", workers, file, medians[0], medians[1],
                medians[1] / medians[0], netty);
    }

    /** One warm-up run per URL, then rounds over the URLs in turn; the median of each URL. */
    private static double[] interleaved(List<String> urls, String label, int seconds, int connections, int rounds)
            throws Exception {
        for (String url : urls) {
            Wrk.run(WRK_THREADS, connections, Wrk.warmup(seconds), url);
        }
        List<List<Double>> figures = new ArrayList<>();
        urls.forEach(url -> figures.add(new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s round %d:", label, round));
            for (int i = 0; i < urls.size(); i++) {
                Wrk.Result result = Wrk.run(WRK_THREADS, connections, seconds, urls.get(i));
                figures.get(i).add(result.requestsPerSecond());
                line.append(String.format(Locale.ROOT, " %s %.0f req/s (%s/s);", serverName(i), result.requestsPerSecond(),
                        result.transfer()));
            }
            System.out.println(line);
        }
        double[] medians = new double[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            medians[i] = Median.of(figures.get(i).stream().mapToDouble(Double::doubleValue));
        }
        return medians;
    }

    private static String serverName(int index) {
        return switch (index) {
            case 0 -> "nginx";
            case 1 -> "Torsion";
            default -> "raw Netty";
        };
    }

    private static Process startTorsion(Path dir, Path www, int workers, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of("./torsion", "--reactor", "epoll", "--workers", Integer.toString(workers),
                "web", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--path", www.toString(),
                "--access-log", dir.resolve("logs/torsion-" + workers + ".log").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/torsion-" + workers + ".out").toFile()).start();
    }

    private static Process startNginx(Path dir, Path www, int workers, int port) throws IOException {
        Path prefix = Files.createDirectories(dir.resolve("nginx-" + workers));
        String config = """
                worker_processes %d;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log;
                events { worker_connections 4096; }
                http {
                    default_type application/octet-stream;
                    types { text/plain txt; }
                    access_log %s;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    client_body_temp_path %s/body;
                    proxy_temp_path %s/proxy;
                    fastcgi_temp_path %s/fastcgi;
                    uwsgi_temp_path %s/uwsgi;
                    scgi_temp_path %s/scgi;
                    server {
                        listen 127.0.0.1:%d;
                        root %s;
                    }
                }
                """.formatted(workers, prefix, prefix, dir.resolve("logs/nginx-" + workers + ".log"), prefix, prefix, prefix,
                prefix, prefix, port, www);
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config, StandardCharsets.US_ASCII);
        return new ProcessBuilder("nginx", "-p", prefix.toString(), "-e", prefix.resolve("error.log").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
    }

    private static double twisted(Path www, int seconds, int connections) throws Exception {
        Process twistd = Twistd.start(www);
        if (twistd == null) {
            System.out.println("twistd3 not found: the Twisted figure is skipped");
            return 0;
        }
        try {
            String url = "http://127.0.0.1:" + Twistd.port(twistd) + "/hello.txt";
            Wrk.run(WRK_THREADS, connections, Wrk.warmup(seconds), url);
            return Wrk.run(WRK_THREADS, connections, seconds, url).requestsPerSecond();
        } finally {
            stop(twistd);
        }
    }

    /** Waits (up to two minutes: the first run of ./torsion builds it) until the port accepts connections. */
    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with status " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IOException("nothing listens on " + port);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
