package dev.torsion.netty.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real programs of interop tests (curl, dig, swaks, ...) to their end. A missing program
 * is a failure ({@link AssertionError}), never a skip: under the {@code interop} profile every peer
 * must be installed.
 *
 * <pre>{@code
 * String answer = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", port, "example.org"));
 * }</pre>
 */
public final class Programs {
    /** How long {@link #run(List)} waits for a program. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Programs() {
    }

    /** Fails unless {@code path} is an executable (installed by its Debian package). */
    public static void require(String path) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError(path + " is missing (install its Debian package)");
        }
    }

    /** Runs a program to its end (60 s at most); returns stdout + stderr; it must exit with 0. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, "");
    }

    /** As {@link #run(List)}, with {@code stdin} as the program's standard input. */
    public static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        return run(command, stdin, DEFAULT_TIMEOUT, null);
    }

    /** As {@link #run(List, String)}, waiting at most {@code seconds}. */
    public static String run(List<String> command, String stdin, int seconds) throws IOException, InterruptedException {
        return run(command, stdin, Duration.ofSeconds(seconds), null);
    }

    /** As {@link #run(List, String)}, in the working directory {@code directory}. */
    public static String run(List<String> command, String stdin, Path directory) throws IOException, InterruptedException {
        return run(command, stdin, DEFAULT_TIMEOUT, directory);
    }

    /**
     * As {@link #run(List, String)}, waiting at most {@code timeout}, in the working directory
     * {@code directory} (null: this process's).
     */
    public static String run(List<String> command, String stdin, Duration timeout, Path directory)
            throws IOException, InterruptedException {
        require(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        CompletableFuture<byte[]> output = readAll(process, command.get(0));
        try (OutputStream input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeout + ": " + command);
        }
        String text = text(output);
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** Runs a program that must fail (exit non-zero within 60 s); returns stdout + stderr. */
    public static String runFailing(List<String> command) throws IOException, InterruptedException {
        require(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<byte[]> output = readAll(process, command.get(0));
        process.getOutputStream().close();
        if (!process.waitFor(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + DEFAULT_TIMEOUT + ": " + command);
        }
        String text = text(output);
        if (process.exitValue() == 0) {
            throw new AssertionError(command + " should have failed:\n" + text);
        }
        return text;
    }

    /** Reads the program's output on a thread of its own, so a full pipe never blocks it. */
    private static CompletableFuture<byte[]> readAll(Process process, String name) {
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                output.complete(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        }, "output of " + name);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private static String text(CompletableFuture<byte[]> output) throws InterruptedException {
        try {
            return new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the program's output", e);
        }
    }
}
