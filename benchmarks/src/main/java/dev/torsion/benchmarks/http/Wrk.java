package dev.torsion.benchmarks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (Debian package wrk) and reads its figures: the load generator of the HTTP benchmarks. */
final class Wrk {
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TRANSFER = Pattern.compile("Transfer/sec:\\s+([0-9.]+)([KMG]?B)");

    private Wrk() {
    }

    /** One wrk run's figures. */
    record Result(double requestsPerSecond, String transfer) {
    }

    /** {@code wrk -tTHREADS -cCONNECTIONS -dSECONDSs URL}; warns about non-2xx answers and socket errors. */
    static Result run(int threads, int connections, int seconds, String url) throws IOException, InterruptedException {
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

    /** As long as a measured run: shorter warm-ups left raw Netty's first round at a third of its later ones. */
    static int warmup(int seconds) {
        return Math.max(2, seconds);
    }
}
