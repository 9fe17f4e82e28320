package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./torsion} at the repository root, run as a user runs it. With a
 * distribution in place it only starts java; the full first-use build (Maven in a copy of the
 * sources) runs under the interop profile, as on CI, since it builds the modules again.
 */
class LauncherProcessTest {
    @TempDir
    Path directory;

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("torsion.repo.root"));
    }

    /** A copy of the launcher next to a ready distribution: the modules' jars in dist/lib. */
    private Path launcherWithDistribution() throws IOException {
        Path root = Files.createDirectory(directory.resolve("tree"));
        Files.copy(repositoryRoot().resolve("torsion"), root.resolve("torsion"), StandardCopyOption.COPY_ATTRIBUTES);
        Path lib = Files.createDirectories(root.resolve("dist/lib"));
        JarClassPath.create(lib);
        Files.writeString(root.resolve("dist/.modules"), launcherModuleList(root.resolve("torsion")) + "\n");
        return root;
    }

    /** The stamp the launcher expects: its MODULES=(...) list joined with commas. */
    private static String launcherModuleList(Path launcher) throws IOException {
        for (String line : Files.readAllLines(launcher)) {
            if (line.startsWith("MODULES=(") && line.endsWith(")")) {
                return String.join(",", line.substring("MODULES=(".length(), line.length() - 1).trim().split("\\s+"));
            }
        }
        throw new AssertionError("no MODULES=(...) line in " + launcher);
    }

    @Test
    void theLauncherRunsTheDistribution() throws Exception {
        Path root = launcherWithDistribution();
        int port = FreePorts.tcp();
        Path out = directory.resolve("out.txt");
        Process launcher = new ProcessBuilder(root.resolve("torsion").toString(),
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TorsionProcess.START_TIMEOUT.toNanos();
            while (!Files.readString(out).contains("torsion echo started")) {
                assertTrue(launcher.isAlive(), Files.readString(out));
                assertTrue(System.nanoTime() < deadline, "timed out: " + Files.readString(out));
                launcher.waitFor(20, TimeUnit.MILLISECONDS);
            }
            assertTrue(Files.readString(out).contains("torsion echo started: pid " + launcher.pid()),
                    "the launcher must exec java, so that signals reach it: " + Files.readString(out));
            byte[] message = "through ./torsion".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));
            launcher.destroy();
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, launcher.exitValue(), Files.readString(out));
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void theLauncherPassesErrorsThrough() throws Exception {
        Path root = launcherWithDistribution();
        Process launcher = new ProcessBuilder(root.resolve("torsion").toString(), "nosuchplugin")
                .redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, launcher.exitValue(), output);
        assertTrue(output.startsWith("torsion: unknown plugin 'nosuchplugin'"), output);
    }

    /**
     * On first use the launcher builds the distribution with Maven, from a copy of the sources.
     * It builds every module again, so it runs under the interop profile (as CI does).
     */
    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void onFirstUseTheLauncherBuildsTheDistribution() throws Exception {
        Path copy = Files.createDirectory(directory.resolve("sources"));
        copySources(repositoryRoot(), copy);
        Process launcher = new ProcessBuilder(copy.resolve("torsion").toString(), "--help")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(launcher.waitFor(15, TimeUnit.MINUTES));
        assertEquals(0, launcher.exitValue(), output);
        assertTrue(output.contains("building the distribution"), output);
        // Maven 3.8's Jansi writes ESC[0m even to a pipe unless told not to: nothing of it may reach a log.
        assertTrue(output.indexOf('\u001b') < 0, "ANSI escape codes in the first build's output:\n" + output);
        assertTrue(output.matches("(?s).*\\becho\\s+An echo server.*"), output);
        assertTrue(Files.exists(copy.resolve("dist/lib")));
        try (Stream<Path> jars = Files.list(copy.resolve("dist/lib"))) {
            assertTrue(jars.anyMatch(jar -> jar.getFileName().toString().startsWith("torsion-app-")));
        }
    }

    private static void copySources(Path from, Path to) throws IOException {
        List<String> skipped = List.of("target", "dist", ".git");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.toString().isEmpty()) {
                    continue;
                }
                boolean skip = false;
                for (Path part : relative) {
                    skip |= skipped.contains(part.toString());
                }
                if (skip) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
