package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.FilePasswordDatabase;
import dev.torsion.cred.checkers.ThreadedChecker;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.defer.Deferred;
import dev.torsion.ssh.client.ExecResult;
import dev.torsion.ssh.client.SshClient;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.server.ProcessAvatar;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.transport.HostKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-ssh with cred over real sockets on epoll: a server whose logins a crypt password file
 * checks (on the reactor's thread pool), our client logging in with a password and running a
 * child process through exec, and a wrong password refused after the portal's delay.
 */
class SshPasswordFileTest {
    @TempDir
    Path dir;

    @Test
    void passwordFileLoginAndExec() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "carol:" + CryptPasswords.hash("open sesame".getBytes(StandardCharsets.UTF_8)) + "\n");
        HostKey hostKey = HostKey.generate(new SecureRandom(), "it");
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            Realm realm = (id, mind, interfaces) -> Deferred.succeed(new LoginResult(SshAvatar.class,
                    new ProcessAvatar(thread.reactor(), id.name(), "/bin/sh", dir), () -> { }));
            int port = thread.call(() -> {
                Portal portal = new Portal(realm, thread.reactor(),
                        new ThreadedChecker(new FilePasswordDatabase(passwords), thread.reactor()));
                portal.setFailureDelay(Duration.ofMillis(300));
                return ReactorThread.portOf(thread.reactor().listenTCP(0,
                        new SshServerFactory(thread.reactor(), hostKey, portal), 50, "127.0.0.1"));
            });
            ExecResult result = thread.await(() -> SshClient.connect(thread.reactor(), "127.0.0.1", port, "carol", null,
                    "open sesame", (host, p, blob) -> Arrays.equals(blob, hostKey.publicBlob()))
                    .addCallbackDeferred(client -> client.exec("echo $USER; pwd; exit 3")));
            assertEquals(3, result.exitStatus());
            assertEquals("carol\n" + dir.toRealPath() + "\n", result.stdoutText());
            ExecutionException refused = assertThrows(ExecutionException.class, () -> thread.await(() ->
                    SshClient.connect(thread.reactor(), "127.0.0.1", port, "carol", null, "wrong",
                            (host, p, blob) -> Arrays.equals(blob, hostKey.publicBlob()))));
            assertTrue(refused.getCause() instanceof SshProtocolException, refused.toString());
        }
    }
}
