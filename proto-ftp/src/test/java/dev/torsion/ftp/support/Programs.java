package dev.torsion.ftp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Fails unless {@code path} is an executable (installed by its Debian package). */
    public static void require(String path) {
        assertTrue(Files.isExecutable(Path.of(path)), path + " is missing (install its Debian package)");
    }

    /** Runs a program to its end (60 s at most); returns stdout + stderr; it must exit with 0. */
    public static String run(List<String> command) throws Exception {
        return run(command, "");
    }

    /** As {@link #run(List)}, with {@code stdin} as the program's standard input. */
    public static String run(List<String> command, String stdin) throws Exception {
        return run(command, stdin, 60);
    }

    /** Runs a program that must fail (a non-zero exit, within 60 s); returns stdout + stderr. */
    public static String runFailing(List<String> command) throws Exception {
        require(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(output, StandardCharsets.UTF_8);
        assertTrue(process.exitValue() != 0, command + " should have failed:\n" + text);
        return text;
    }

    /** As {@link #run(List, String)}, waiting at most {@code seconds}. */
    public static String run(List<String> command, String stdin, int seconds) throws Exception {
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
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed:\n" + text);
        return text;
    }
}
