package dev.torsion.cred.crypt;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.checkers.UnixAccountChecker;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.unix.UnixAccountFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with {@code mkpasswd} (Debian package whois), which hashes with the system's libcrypt
 * and fresh random salts, as {@code passwd} and {@code chpasswd} do: the shadow checker accepts the
 * password and refuses a wrong one for every scheme Debian offers. Runs only under
 * {@code -Pinterop}, where a missing mkpasswd fails.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class MkpasswdInteropTest {
    private static final String PASSWORD = "correct horse battery stäple";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"yescrypt, $y$", "gost-yescrypt, $gy$", "scrypt, $7$", "bcrypt, $2b$", "bcrypt-a, $2a$",
            "sha512crypt, $6$", "sha256crypt, $5$"})
    void shadowHashesMadeByMkpasswdAreChecked(String method, String prefix) throws Exception {
        String hash = mkpasswd(method, PASSWORD).strip();
        assertTrue(hash.startsWith(prefix), method + " made " + hash);

        Path passwd = dir.resolve("passwd");
        Path shadow = dir.resolve("shadow");
        Files.writeString(passwd, "alice:x:1000:1000::/home/alice:/bin/sh\n");
        Files.writeString(shadow, "alice:" + hash + ":19000:0:99999:7:::\n");
        UnixAccountChecker unix = new UnixAccountChecker(new UnixAccountFiles(passwd, shadow, FileLimits.DEFAULT),
                Clock.systemUTC());
        assertEquals(AvatarId.of("alice"), successResultOf(unix.requestAvatarId(new UsernamePassword("alice",
                PASSWORD.toCharArray()))));
        failureResultOf(unix.requestAvatarId(new UsernamePassword("alice", "wrong".toCharArray())),
                UnauthorizedLogin.class);
        failureResultOf(unix.requestAvatarId(new UsernamePassword("bob", PASSWORD.toCharArray())),
                UnauthorizedLogin.class);
    }

    private static String mkpasswd(String method, String password) throws IOException, InterruptedException {
        List<String> command = List.of("mkpasswd", "-m", method, "--stdin");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed: " + text);
        return text;
    }
}
