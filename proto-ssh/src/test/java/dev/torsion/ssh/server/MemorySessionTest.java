package dev.torsion.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.client.ClientAuthState;
import dev.torsion.ssh.client.ExecResult;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.kex.KexMethods;
import dev.torsion.ssh.support.MemorySsh;
import dev.torsion.ssh.transport.KexPhase;
import dev.torsion.ssh.transport.TransportConfig;
import dev.torsion.ssh.transport.TransportState;
import dev.torsion.testing.IOPump;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our client against our server in memory: every algorithm, both logins, exec, rekeying, refusals. */
class MemorySessionTest {
    @TempDir
    Path dir;

    static <T> T result(Deferred<T> deferred) {
        AtomicReference<Object> box = new AtomicReference<>();
        deferred.addCallbacks(value -> {
            box.set(value);
            return null;
        }, failure -> {
            box.set(failure);
            return null;
        });
        Object value = box.get();
        if (value instanceof Failure failure) {
            throw new AssertionError("failed: " + failure.value(), failure.value());
        }
        assertTrue(value != null, "not fired");
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    record Pair(MemorySsh ssh, SshServerProtocol server, SshClientProtocol client, IOPump pump) {
    }

    Pair connect(TransportConfig config, boolean key, String password) {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS.withCiphers(List.of(CipherAlgorithm.values()),
                List.of(MacAlgorithm.values())), SshLimits.DEFAULTS);
        SshClientProtocol client = ssh.client(config, key ? MemorySsh.ALICE_KEY : null, password);
        IOPump pump = IOPump.connect(server, client);
        return new Pair(ssh, server, client, pump);
    }

    static List<String> kexNames() {
        return KexMethods.DEFAULTS;
    }

    @ParameterizedTest
    @MethodSource("kexNames")
    void everyKeyExchangeWithKeyLogin(String kex) {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of(kex)), true, null);
        assertEquals(TransportState.ESTABLISHED, pair.server.state());
        assertEquals(kex, pair.server.negotiated().kex());
        assertTrue(pair.server.isStrict());
        assertEquals(ServerSessionState.CONNECTED, pair.server.sessionState());
        Deferred<ExecResult> exec = pair.client.exec("echo hello");
        pair.pump.flush();
        ExecResult result = result(exec);
        assertEquals(0, result.exitStatus());
        assertEquals("hello\n", result.stdoutText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chacha20-poly1305@openssh.com/", "aes128-gcm@openssh.com/", "aes256-gcm@openssh.com/",
        "aes128-ctr/hmac-sha2-256-etm@openssh.com", "aes192-ctr/hmac-sha2-512-etm@openssh.com",
        "aes256-ctr/hmac-sha2-256", "aes128-ctr/hmac-sha2-512"})
    void everyCipherAndMac(String pair) {
        String[] parts = pair.split("/", -1);
        CipherAlgorithm cipher = CipherAlgorithm.of(parts[0]).orElseThrow();
        List<MacAlgorithm> macs = parts[1].isEmpty() ? MacAlgorithm.DEFAULTS
                : List.of(MacAlgorithm.of(parts[1]).orElseThrow());
        Pair session = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256"))
                .withCiphers(List.of(cipher), macs), false, "secret");
        assertEquals(cipher, session.server.negotiated().cipherServerToClient());
        Deferred<ExecResult> exec = session.client.exec("big 5000000");
        session.pump.flush();
        ExecResult result = result(exec);
        assertEquals(5_000_000, result.stdout().length);
        assertEquals(0, result.exitStatus());
    }

    @Test
    void outputBeyondTheWindowPausesTheCommandUntilTheWindowOpens() {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), true, null);
        MemorySsh.FLOW.clear();
        Deferred<ExecResult> exec = pair.client.exec("stream 5000000");
        pair.pump.flush();
        // The producer (64 KiB a millisecond) runs ahead of the pump: nothing reads the connection, so
        // its output passes the high-water mark, channel data queues behind it, and past
        // SessionChannel.PAUSE_ABOVE queued the producer is paused (the thresholds themselves:
        // SessionChannelOutputTest).
        for (int i = 0; i < 60; i++) {
            pair.ssh.clock.advance(Duration.ofMillis(1));
        }
        assertEquals(List.of("pause"), MemorySsh.FLOW);
        for (int i = 0; i < 400 && !exec.isCalled(); i++) {
            pair.pump.flush();
            pair.ssh.clock.advance(Duration.ofMillis(1));
        }
        assertEquals(5_000_000, result(exec).stdout().length);
        assertEquals("resume", MemorySsh.FLOW.get(MemorySsh.FLOW.size() - 1));
    }

    @Test
    void exitStatusAndStderr() {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), false, "secret");
        Deferred<ExecResult> exec = pair.client.exec("status 3");
        pair.pump.flush();
        ExecResult result = result(exec);
        assertEquals(3, result.exitStatus());
        assertEquals("bye\n", result.stderrText());
    }

    @Test
    void wrongPasswordFailsAfterTheDelay() {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), false, "wrong");
        assertEquals(ClientAuthState.AUTHENTICATING, pair.client.authState());
        pair.ssh.clock.advance(Duration.ofMillis(999));
        pair.pump.flush();
        assertEquals(ClientAuthState.AUTHENTICATING, pair.client.authState());
        pair.ssh.clock.advance(Duration.ofMillis(1));
        pair.pump.flush();
        assertEquals(ClientAuthState.FAILED, pair.client.authState());
        assertEquals(ServerSessionState.CLOSED, pair.server.sessionState());
    }

    @Test
    void rekeyKeepsTheSessionWorking() {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), true, null);
        byte[] firstSession = pair.server.sessionId();
        pair.client.rekey();
        Deferred<ExecResult> exec = pair.client.exec("echo after");
        pair.pump.flush();
        assertEquals(KexPhase.IDLE, pair.server.kexPhase());
        assertEquals("after\n", result(exec).stdoutText());
        assertTrue(Arrays.equals(firstSession, pair.server.sessionId()));
    }

    @Test
    void rekeyByTime() {
        Pair pair = connect(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), true, null);
        pair.ssh.clock.advance(Duration.ofHours(1));
        assertEquals(KexPhase.INIT_SENT, pair.server.kexPhase());
        pair.pump.flush();
        assertEquals(KexPhase.IDLE, pair.server.kexPhase());
        Deferred<ExecResult> exec = pair.client.exec("echo still");
        pair.pump.flush();
        assertEquals("still\n", result(exec).stdoutText());
    }

    /**
     * Our client takes keyboard-interactive first when the server lists it (OpenSSH's order),
     * answering the prompt with the password: a wrong one costs the delay twice, once for
     * keyboard-interactive and once for password, before the client gives up.
     */
    @Test
    void clientUsesKeyboardInteractiveWhenOffered() {
        MemorySsh ssh = new MemorySsh(dir);
        SshServerProtocol server = ssh.server(TransportConfig.DEFAULTS, SshLimits.DEFAULTS).withKeyboardInteractive(true);
        SshClientProtocol client = ssh.client(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), null, "wrong");
        client.whenAuthenticated().addErrback(expected -> null);
        IOPump pump = IOPump.connect(server, client);
        ssh.clock.advance(Duration.ofMillis(1000));
        pump.flush();
        assertEquals(ClientAuthState.AUTHENTICATING, client.authState());
        ssh.clock.advance(Duration.ofMillis(1000));
        pump.flush();
        assertEquals(ClientAuthState.FAILED, client.authState());

        MemorySsh good = new MemorySsh(dir);
        SshServerProtocol kiServer = good.server(TransportConfig.DEFAULTS, SshLimits.DEFAULTS).withKeyboardInteractive(true);
        SshClientProtocol kiClient = good.client(TransportConfig.DEFAULTS.withKex(List.of("curve25519-sha256")), null,
                "secret");
        IOPump kiPump = IOPump.connect(kiServer, kiClient);
        kiPump.flush();
        assertEquals(ClientAuthState.AUTHENTICATED, kiClient.authState());
        Deferred<ExecResult> exec = kiClient.exec("echo hi");
        kiPump.flush();
        assertEquals("hi\n", result(exec).stdoutText());
    }
}
