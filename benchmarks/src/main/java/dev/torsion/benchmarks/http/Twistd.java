package dev.torsion.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's {@code twistd3 web} (Python Twisted), started for scale beside the servers compared. */
final class Twistd {
    private Twistd() {
    }

    /** {@code twistd3 web} serving {@code dir} on an ephemeral loopback port, or null when twistd3 is not installed. */
    static Process start(Path dir) throws IOException {
        Path twistd = Path.of("/usr/bin/twistd3");
        if (!Files.isExecutable(twistd)) {
            return null;
        }
        return new ProcessBuilder(twistd.toString(), "-n", "--pidfile", dir.resolve("twistd.pid").toString(), "web",
                "--listen", "tcp:0:interface=127.0.0.1", "--path", dir.toString()).redirectErrorStream(true).start();
    }

    /** The port twistd says its site started on (its output is drained afterwards). */
    static int port(Process twistd) throws Exception {
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
                        drain(reader);
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("twistd3 did not start:\n" + String.join("\n", lines));
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    private static void drain(BufferedReader reader) {
        Thread drain = new Thread(() -> {
            try {
                reader.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // twistd is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
