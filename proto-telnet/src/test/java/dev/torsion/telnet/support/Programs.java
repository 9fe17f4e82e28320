package dev.torsion.telnet.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real programs of interop tests: a missing one is a failure, never a skip. */
public final class Programs {
    /** Debian's Python (3.11: telnetlib and Twisted). */
    public static final String PYTHON = "/usr/bin/python3";

    private Programs() {
    }

    /** Fails unless {@code path} is an executable (installed by its Debian package). */
    public static void require(String path) {
        assertTrue(Files.isExecutable(Path.of(path)), path + " is missing (install its Debian package)");
    }

    /** The result of a program run. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a program to its end (60 s at most), stdout and stderr together. */
    public static Result run(List<String> command, Map<String, String> environment) throws Exception {
        require(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        }, "output of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n"
                    + new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }
}
