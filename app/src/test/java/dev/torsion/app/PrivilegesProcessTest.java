package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --uid}, {@code --gid}, {@code --chroot}: these need root. As another user they are
 * skipped, except under the interop profile ({@code -Dtorsion.interop=true}, as CI runs), where
 * not being root is a failure.
 */
class PrivilegesProcessTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path directory;

    @BeforeEach
    void requireRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        id.waitFor();
        if (!uid.equals("0")) {
            if (Boolean.getBoolean("torsion.interop")) {
                fail("the privilege tests must run as root under the interop profile, and id -u says " + uid);
            }
            Assumptions.abort("needs root (id -u says " + uid + ")");
        }
    }

    /** A privileged port (below 1024) that nothing listens on now. */
    private static int freePrivilegedPort() throws IOException {
        for (int port = 81; port < 1024; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // Try the next one.
            }
        }
        throw new IOException("no free port below 1024");
    }

    private static String statusLine(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .findFirst().orElseThrow();
    }

    @Test
    void bindsAPrivilegedPortAsRootThenServesAsNobody() throws Exception {
        int port = freePrivilegedPort();
        // The profile is written at exit, as nobody: into a directory nobody may not write.
        Path rootOnly = Files.createTempDirectory("torsion-root-only");
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path profile = rootOnly.resolve("nobody.jfr");
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--uid", "nobody", "--profile", profile.toString(),
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput("torsion echo started");
            long pid = torsion.process().pid();
            assertEquals("Uid:\t65534\t65534\t65534\t65534", statusLine(pid, "Uid"));
            String gid = statusLine(pid, "Gid");
            assertTrue(gid.matches("Gid:\\t(\\d+)\\t\\1\\t\\1\\t\\1") && !gid.contains("\t0\t"), gid);
            assertTrue(statusLine(pid, "Groups").matches("Groups:\\t?[\\d ]*") && !statusLine(pid, "Groups").matches(".*\\b0\\b.*"),
                    statusLine(pid, "Groups"));
            assertTrue(torsion.stdout().contains("now running as uid " + NOBODY), torsion.transcript());

            byte[] message = ("served on port " + port + " by nobody").getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));

            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
            assertTrue(torsion.stdout().contains("torsion echo stopped"), torsion.transcript());
            assertTrue(torsion.stdout().contains("profile written to " + profile), torsion.transcript());
            assertTrue(Files.size(profile) > 0);
        } finally {
            Files.deleteIfExists(profile);
            Files.delete(rootOnly);
        }
    }

    @Test
    void chrootsAfterBindingAndStillServes() throws Exception {
        Path jars = Files.createDirectory(directory.resolve("lib"));
        String classPath = JarClassPath.create(jars);
        Path jail = Files.createDirectory(directory.resolve("jail"));
        Files.setPosixFilePermissions(jail, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePrivilegedPort();
        try (TorsionProcess torsion = TorsionProcess.start(directory, List.of(), classPath,
                "--chroot", jail.toString(), "--uid", "nobody", "--umask", "027",
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1")) {
            torsion.awaitOutput("torsion echo started");
            long pid = torsion.process().pid();
            assertEquals(jail.toRealPath(), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "root")));
            assertEquals("Uid:\t65534\t65534\t65534\t65534", statusLine(pid, "Uid"));
            assertEquals("Umask:\t0027", statusLine(pid, "Umask"));

            for (int i = 0; i < 3; i++) {
                byte[] message = ("jailed " + i).getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(message, TorsionProcess.echoRoundTrip(port, message));
            }
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    @Test
    void withoutRootUidIsRefusedClearly() throws Exception {
        Path shared = Files.createTempDirectory("torsion-nobody");
        try {
            String classPath = JarClassPath.create(shared);
            Path work = Files.createDirectory(shared.resolve("work"));
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> asNobody = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
            try (TorsionProcess torsion = TorsionProcess.start(work, asNobody, classPath,
                    "--uid", "root", "echo", "--listen", "tcp:0")) {
                assertEquals(1, torsion.awaitExit(), torsion.transcript());
                assertEquals("torsion: --uid root needs root, and torsion runs as uid " + NOBODY + "\n", torsion.stderr());
            }
        } finally {
            try (var files = Files.walk(shared)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
