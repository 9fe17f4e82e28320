package dev.torsion.cred.crypt;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.checkers.FilePasswordDatabase;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with {@code openssl passwd} (Debian package openssl): hashes it makes with fresh random
 * salts are accepted by the password-file and shadow checkers, and hashes we make are the ones it
 * makes from the same salt. Runs only under {@code -Pinterop}, where a missing openssl fails.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class OpensslCryptInteropTest {
    private static final String PASSWORD = "correct horse battery stäple";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"-6", "-5", "-1"})
    void hashesMadeByOpensslAreAccepted(String scheme) throws Exception {
        String hash = openssl(List.of("openssl", "passwd", scheme, "-stdin"), PASSWORD).strip();
        assertTrue(CryptPasswords.isWellFormed(hash), hash);
        assertTrue(CryptPasswords.matches(PASSWORD.getBytes(StandardCharsets.UTF_8), hash));

        Path file = dir.resolve("passwd-file");
        Files.writeString(file, "alice:" + hash + "\n");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        assertEquals(AvatarId.of("alice"), successResultOf(db.requestAvatarId(new UsernamePassword("alice",
                PASSWORD.toCharArray()))));
        failureResultOf(db.requestAvatarId(new UsernamePassword("alice", "wrong".toCharArray())), UnauthorizedLogin.class);

        Path passwd = dir.resolve("passwd");
        Path shadow = dir.resolve("shadow");
        Files.writeString(passwd, "alice:x:1000:1000::/home/alice:/bin/sh\n");
        Files.writeString(shadow, "alice:" + hash + ":19000:0:99999:7:::\n");
        UnixAccountChecker unix = new UnixAccountChecker(new UnixAccountFiles(passwd, shadow, FileLimits.DEFAULT),
                Clock.systemUTC());
        assertEquals(AvatarId.of("alice"), successResultOf(unix.requestAvatarId(new UsernamePassword("alice",
                PASSWORD.toCharArray()))));
        failureResultOf(unix.requestAvatarId(new UsernamePassword("alice", "wrong".toCharArray())), UnauthorizedLogin.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-6", "-5"})
    void opensslMakesOurHashesFromTheirSalts(String scheme) throws Exception {
        CryptScheme ours = scheme.equals("-6") ? CryptScheme.SHA512 : CryptScheme.SHA256;
        String hash = CryptPasswords.hash(ours, PASSWORD.getBytes(StandardCharsets.UTF_8));
        String salt = hash.split("\\$")[2];
        String theirs = openssl(List.of("openssl", "passwd", scheme, "-salt", salt, "-stdin"), PASSWORD).strip();
        assertEquals(theirs, hash);
        assertFalse(CryptPasswords.matches("wrong".getBytes(StandardCharsets.UTF_8), theirs));
    }

    private static String openssl(List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write((input + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed: " + text);
        return text;
    }
}
