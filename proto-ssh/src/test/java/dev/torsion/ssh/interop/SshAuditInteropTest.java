package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code ssh-audit} (2.5.0) against our server with its default algorithms: no failure,
 * and no warning except for the algorithms newer than ssh-audit itself, which it cannot judge
 * (the post-quantum hybrids and the strict key exchange marker).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SshAuditInteropTest {
    /** What ssh-audit 2.5.0 does not know yet: its only remarks allowed. */
    static final List<String> NEWER_THAN_AUDIT = List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512",
            "kex-strict-s-v00@openssh.com");

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void noFailureAndOnlyUnknownAlgorithmNotes() throws Exception {
        Programs.require("/usr/bin/ssh-audit");
        Process process = new ProcessBuilder("/usr/bin/ssh-audit", "-n", "-p", String.valueOf(server.port), "127.0.0.1")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ssh-audit timed out");
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(report.contains("ssh-ed25519"), report);
        assertTrue(report.contains("chacha20-poly1305@openssh.com"), report);
        List<String> fails = report.lines().filter(line -> line.contains("(fail)") || line.contains("[fail]"))
                .collect(Collectors.toList());
        assertEquals(List.of(), fails, report);
        List<String> warnings = report.lines().filter(line -> line.contains("(warn)") || line.contains("[warn]"))
                .filter(line -> NEWER_THAN_AUDIT.stream().noneMatch(line::contains))
                .collect(Collectors.toList());
        assertEquals(List.of(), warnings, report);
    }
}
