package dev.torsion.cred.checkers;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.files.MalformedFileException;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with Apache's {@code htpasswd} (Debian package apache2-utils): password files it writes
 * with fresh random salts are read by {@link FilePasswordDatabase}, which accepts the password and
 * refuses a wrong one for each of its schemes. Runs only under {@code -Pinterop}, where a missing
 * htpasswd fails.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class HtpasswdInteropTest {
    private static final String PASSWORD = "correct horse battery stäple";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"-B, $2y$", "-m, $apr1$", "-s, {SHA}", "-5, $6$", "-2, $5$"})
    void filesWrittenByHtpasswdAreRead(String flag, String prefix) throws Exception {
        Path file = dir.resolve("htpasswd");
        htpasswd(PASSWORD, "-c", "-i", flag, file.toString(), "alice");
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("alice:" + prefix), flag + " wrote a line of another scheme");

        FilePasswordDatabase db = new FilePasswordDatabase(file);
        assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", PASSWORD)));
        failureResultOf(login(db, "alice", "correct horse battery staple"), UnauthorizedLogin.class);
        failureResultOf(login(db, "alice", ""), UnauthorizedLogin.class);
        failureResultOf(login(db, "bob", PASSWORD), UnauthorizedLogin.class);
    }

    @Test
    void oneFileOfEveryScheme() throws Exception {
        Path file = dir.resolve("htpasswd");
        htpasswd("bcrypt pw", "-c", "-i", "-B", "-C", "6", file.toString(), "alice");
        htpasswd("md5 pw", "-i", "-m", file.toString(), "bob");
        htpasswd("sha pw", "-i", "-s", file.toString(), "carol");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", "bcrypt pw")));
        assertEquals(AvatarId.of("bob"), successResultOf(login(db, "bob", "md5 pw")));
        assertEquals(AvatarId.of("carol"), successResultOf(login(db, "carol", "sha pw")));
        failureResultOf(login(db, "alice", "md5 pw"), UnauthorizedLogin.class);
        failureResultOf(login(db, "bob", "sha pw"), UnauthorizedLogin.class);
        failureResultOf(login(db, "carol", "bcrypt pw"), UnauthorizedLogin.class);

        // htpasswd changes and deletes entries in place; the checker reads the file again.
        htpasswd("new md5 pw", "-i", "-m", file.toString(), "bob");
        htpasswd(null, "-D", file.toString(), "carol");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertEquals(AvatarId.of("bob"), successResultOf(login(db, "bob", "new md5 pw")));
        failureResultOf(login(db, "bob", "md5 pw"), UnauthorizedLogin.class);
        failureResultOf(login(db, "carol", "sha pw"), UnauthorizedLogin.class);
        assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", "bcrypt pw")));
    }

    @Test
    void plainTextFromHtpasswdIsRefusedUnlessAllowed() throws Exception {
        Path file = dir.resolve("htpasswd");
        htpasswd(PASSWORD, "-c", "-i", "-p", file.toString(), "tim");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> new FilePasswordDatabase(file));
        assertEquals(1, e.problems().get(0).lineNumber());
        assertTrue(e.problems().get(0).reason().startsWith("plain-text password"), e.problems().get(0).reason());

        FilePasswordDatabase allowed = new FilePasswordDatabase(file,
                new FilePasswordDatabase.Options().allowPlainText(true));
        assertEquals(AvatarId.of("tim"), successResultOf(login(allowed, "tim", PASSWORD)));
        failureResultOf(login(allowed, "tim", "wrong"), UnauthorizedLogin.class);
    }

    private static Deferred<AvatarId> login(CredentialsChecker checker, String user, String password) {
        return checker.requestAvatarId(new UsernamePassword(user, password.toCharArray()));
    }

    /** Runs htpasswd with {@code arguments}, the password (when not null) on its standard input. */
    private static void htpasswd(String password, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("htpasswd");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (password != null) {
            process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed: " + text);
    }
}
