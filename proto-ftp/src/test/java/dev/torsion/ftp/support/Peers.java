package dev.torsion.ftp.support;

import dev.torsion.netty.testing.Programs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real server programs started for a test class: a free port, the start, the wait for the port, the stop. */
public final class Peers {
    private Peers() {
    }

    /** Starts {@code command} with its output in {@code log}, and waits until it accepts on {@code port}. */
    public static Process start(List<String> command, Path log, int port) throws Exception {
        Programs.require(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroy();
                    throw new IOException(command.get(0) + " did not start: " + Files.readString(log), notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the server starts
            }
        }
    }

    /** Stops {@code process} (by its PID) and waits for it. */
    public static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
