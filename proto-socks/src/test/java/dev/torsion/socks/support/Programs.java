package dev.torsion.socks.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real programs of interop tests: a missing one is a failure, never a skip. */
public final class Programs {
    private Programs() {
    }

    /**
     * What a program did.
     *
     * @param exit its exit status
     * @param output its stdout and stderr together
     */
    public record Result(int exit, String output) {
    }

    /** Fails unless {@code path} is an executable (installed by its Debian package). */
    public static void require(String path) {
        assertTrue(Files.isExecutable(Path.of(path)), path + " is missing (install its Debian package)");
    }

    /** Runs a program to its end (60 s at most) with {@code stdin} as its standard input. */
    public static Result run(List<String> command, String stdin) throws Exception {
        require(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
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
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }
}
