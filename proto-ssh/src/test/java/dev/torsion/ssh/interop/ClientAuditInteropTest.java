package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.client.SshClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ssh-audit -c} (2.5.0) audits what our client offers: no failure, and no warning except
 * for the algorithms newer than itself (the post-quantum hybrids, kex-strict-c, ext-info-c).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ClientAuditInteropTest {
    static final List<String> NEWER_THAN_AUDIT = List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512",
            "kex-strict-c-v00@openssh.com");

    @Test
    void clientAlgorithmsPass() throws Exception {
        Programs.require("/usr/bin/ssh-audit");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process audit = new ProcessBuilder("/usr/bin/ssh-audit", "-n", "-c", "-p", String.valueOf(port), "-t", "30")
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(audit.getInputStream(), StandardCharsets.UTF_8));
        List<String> report = new ArrayList<>();
        try (LiveReactor live = new LiveReactor()) {
            // ssh-audit serves one client: connect (retrying while it is not listening yet) and let it judge.
            live.reactor.callFromThread(() -> connectUntilListening(live, port));
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                report.add(line);
            }
            assertTrue(audit.waitFor(60, TimeUnit.SECONDS), "ssh-audit did not finish");
        }
        String text = String.join("\n", report);
        assertTrue(text.contains("curve25519-sha256"), text);
        List<String> fails = report.stream().filter(line -> line.contains("(fail)")).collect(Collectors.toList());
        assertEquals(List.of(), fails, text);
        List<String> warnings = report.stream().filter(line -> line.contains("(warn)"))
                .filter(line -> NEWER_THAN_AUDIT.stream().noneMatch(line::contains)).collect(Collectors.toList());
        assertEquals(List.of(), warnings, text);
    }

    private static void connectUntilListening(LiveReactor live, int port) {
        SshClient.connect(live.reactor, "127.0.0.1", port, "nobody", null, "x", (host, p, blob) -> false)
                .addErrback(failure -> {
                    if (failure.check(ConnectionRefusedError.class) != null) {
                        live.reactor.callLater(Duration.ofMillis(100), () -> connectUntilListening(live, port));
                    }
                    return null;
                });
    }
}
