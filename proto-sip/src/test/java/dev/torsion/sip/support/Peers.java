package dev.torsion.sip.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs sipp and sipsak: a missing program is a failure, never a skip. */
public final class Peers {
    public static final String SIPP = "/usr/bin/sipp";
    public static final String SIPSAK = "/usr/bin/sipsak";

    private Peers() {
    }

    /** Fails unless {@code path} is an executable (installed by its Debian package). */
    public static void require(String path) {
        assertTrue(Files.isExecutable(Path.of(path)), path + " is missing (install its Debian package: .ci/install-peers)");
    }

    /** A port free for both UDP and TCP on loopback. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    /** The result of a run. */
    public record Result(int exit, String output) {
    }

    /** Runs {@code command} to its end (90 s at most), output in a file under {@code dir}. */
    public static Result run(List<String> command, Path dir) throws Exception {
        require(command.get(0));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
    }

    /** Starts {@code command} in the background, output in a file under {@code dir}. */
    public static Process start(List<String> command, Path dir) throws IOException {
        require(command.get(0));
        Path out = Files.createTempFile(dir, "bg", ".txt");
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    /** Copies a scenario from the test resources into {@code dir}. */
    public static Path scenario(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (var in = Peers.class.getResourceAsStream("/sipp/" + name)) {
            assertTrue(in != null, "missing scenario " + name);
            Files.write(target, in.readAllBytes());
        }
        return target;
    }
}
