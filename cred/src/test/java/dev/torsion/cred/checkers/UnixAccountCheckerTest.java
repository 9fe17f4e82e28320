package dev.torsion.cred.checkers;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.PasswordHashVerifier;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.unix.ShadowEntry;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixAccountCheckerTest {
    /** {@code openssl passwd -6 -salt abcdefgh secret}. */
    private static final String SECRET_SHA512 =
            "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    /** {@code openssl passwd -5 -salt saltsalt hunter2}. */
    private static final String HUNTER2_SHA256 = "$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3";
    /** yescrypt of "secret" by the system's libcrypt: {@code crypt("secret", "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$")}. */
    static final String SECRET_YESCRYPT = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0";
    /** bcrypt of "secret" by the system's libcrypt: {@code crypt("secret", "$2b$05$abcdefghijklmnopqrstuu")}. */
    static final String SECRET_BCRYPT = "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a";
    /** gost-yescrypt of "secret" by the system's libcrypt. */
    static final String SECRET_GOST_YESCRYPT =
            "$gy$j9T$F5Jx5fExrKuPp53xLKQ..1$uE5FcoxTz78xZpMZkpTmj/0MogyeNUSLIjdCxpQjz.8";
    /** scrypt of "secret" by the system's libcrypt: {@code crypt("secret", "$7$CU..../....abcdefghijklmnop$")}. */
    static final String SECRET_SCRYPT = "$7$CU..../....abcdefghijklmnop$XFPPWJganQ6Nq0QhVHxk/yHxMXizE0OJDowAsO4.RIA";
    /** 2026-06-01 at noon UTC; day 20605 since 1970-01-01. */
    private static final Clock JUNE_2026 = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final long TODAY = LocalDate.of(2026, 6, 1).toEpochDay();

    @TempDir
    Path dir;
    private Path passwd;
    private Path shadow;

    @BeforeEach
    void writeAccountFiles() throws IOException {
        passwd = dir.resolve("passwd");
        shadow = dir.resolve("shadow");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash",
                "bob:x:1001:1001::/home/bob:/bin/sh",
                "locked:x:1002:1002::/home/locked:/bin/sh",
                "starred:x:1003:1003::/home/starred:/usr/sbin/nologin",
                "nopass:x:1004:1004::/home/nopass:/bin/sh",
                "expired:x:1005:1005::/home/expired:/bin/sh",
                "valid:x:1006:1006::/home/valid:/bin/sh",
                "yescrypt:x:1007:1007::/home/y:/bin/sh",
                "oldstyle:" + HUNTER2_SHA256 + ":1008:1008::/home/old:/bin/sh",
                "noshadow:x:1009:1009::/home/noshadow:/bin/sh",
                "bcrypt:x:1010:1010::/home/bcrypt:/bin/sh",
                "gost:x:1011:1011::/home/gost:/bin/sh",
                "scrypt:x:1012:1012::/home/scrypt:/bin/sh",
                "badyes:x:1013:1013::/home/badyes:/bin/sh",
                "cutyes:x:1014:1014::/home/cutyes:/bin/sh",
                "des:x:1015:1015::/home/des:/bin/sh") + "\n");
        Files.writeString(shadow, String.join("\n",
                "root:*:19000:0:99999:7:::",
                "alice:" + SECRET_SHA512 + ":19000:0:99999:7:::",
                "bob:" + HUNTER2_SHA256 + ":19000:0:99999:7:::",
                "locked:!" + SECRET_SHA512 + ":19000:0:99999:7:::",
                "starred:*:19000:0:99999:7:::",
                "nopass::19000:0:99999:7:::",
                "expired:" + SECRET_SHA512 + ":19000:0:99999:7::" + TODAY + ":",
                "valid:" + SECRET_SHA512 + ":19000:0:99999:7::" + (TODAY + 1) + ":",
                "yescrypt:" + SECRET_YESCRYPT + ":19000:0:99999:7:::",
                "bcrypt:" + SECRET_BCRYPT + ":19000:0:99999:7:::",
                "gost:" + SECRET_GOST_YESCRYPT + ":19000:0:99999:7:::",
                "scrypt:" + SECRET_SCRYPT + ":19000:0:99999:7:::",
                "badyes:$y$j9T$bad:19000:0:99999:7:::",
                "cutyes:" + SECRET_YESCRYPT.substring(0, SECRET_YESCRYPT.length() - 5) + ":19000:0:99999:7:::",
                "des:abJnggxhB/yWI:19000:0:99999:7:::",
                "ghost:" + SECRET_SHA512 + ":19000:0:99999:7:::") + "\n");
    }

    private UnixAccountChecker checker() {
        return new UnixAccountChecker(new UnixAccountFiles(passwd, shadow, FileLimits.DEFAULT), JUNE_2026);
    }

    private static Deferred<AvatarId> login(UnixAccountChecker checker, String user, String password) {
        return checker.requestAvatarId(new UsernamePassword(user, password.toCharArray()));
    }

    @Test
    void acceptsTheRightPassword() {
        assertEquals(AvatarId.of("alice"), successResultOf(login(checker(), "alice", "secret")));
        assertEquals(AvatarId.of("bob"), successResultOf(login(checker(), "bob", "hunter2")));
        assertEquals(AvatarId.of("valid"), successResultOf(login(checker(), "valid", "secret")),
                "an account that expires tomorrow still logs in today");
    }

    @Test
    void passwdFieldHashWithoutShadowEntry() {
        assertEquals(AvatarId.of("oldstyle"), successResultOf(login(checker(), "oldstyle", "hunter2")));
    }

    @Test
    void refusesWrongPasswordsAndUnknownUsers() {
        failureResultOf(login(checker(), "alice", "Secret"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "alice", ""), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "mallory", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "ghost", "secret"), UnauthorizedLogin.class); // in shadow, not in passwd
        failureResultOf(login(checker(), "noshadow", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "alice:x", "secret"), UnauthorizedLogin.class);
    }

    @Test
    void refusesLockedEmptyAndExpiredAccounts() {
        failureResultOf(login(checker(), "locked", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "starred", "*"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "root", "*"), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "nopass", ""), UnauthorizedLogin.class);
        failureResultOf(login(checker(), "expired", "secret"), UnauthorizedLogin.class);
    }

    @Test
    void libcryptSchemesAcceptTheRightPasswordOnly() {
        for (String user : new String[] {"yescrypt", "bcrypt", "gost", "scrypt"}) {
            assertEquals(AvatarId.of(user), successResultOf(login(checker(), user, "secret")), user);
            failureResultOf(login(checker(), user, "Secret"), UnauthorizedLogin.class);
            failureResultOf(login(checker(), user, ""), UnauthorizedLogin.class);
            // C strings end at NUL: "secret\0..." must not pass for "secret".
            failureResultOf(login(checker(), user, "secret\u0000evil"), UnauthorizedLogin.class);
        }
    }

    @Test
    void malformedAndTruncatedYescryptHashesAreRefused() {
        try (CapturedLog captured = CapturedLog.of(UnixAccountChecker.class)) {
            failureResultOf(login(checker(), "badyes", "secret"), UnauthorizedLogin.class);
            failureResultOf(login(checker(), "cutyes", "secret"), UnauthorizedLogin.class);
            assertEquals(1, captured.warnings().size(), captured.warnings().toString());
            String warning = captured.warnings().get(0);
            assertTrue(warning.contains("badyes") && warning.contains("$y$"), warning);
            assertFalse(warning.contains("j9T") || warning.contains("secret"), "neither hash nor password: " + warning);
        }
    }

    @Test
    void refusesHashSchemesItCannotRead() {
        try (CapturedLog captured = CapturedLog.of(UnixAccountChecker.class)) {
            failureResultOf(login(checker(), "des", "secret"), UnauthorizedLogin.class);
            assertEquals(1, captured.warnings().size(), captured.warnings().toString());
            assertTrue(captured.warnings().get(0).contains("plain text or DES"), captured.warnings().toString());
            assertFalse(captured.warnings().get(0).contains("abJ"), "the hash is not logged");
        }
    }

    @Test
    void shadowEntriesKnowWhenTheyAreLocked() throws IOException {
        UnixAccountFiles files = new UnixAccountFiles(passwd, shadow, FileLimits.DEFAULT);
        ShadowEntry locked = files.shadowEntry("locked").orElseThrow();
        assertTrue(locked.isLocked());
        assertFalse(locked.toString().contains("$6$"), "toString hides the hash");
        assertFalse(files.shadowEntry("alice").orElseThrow().isLocked());
        assertEquals(TODAY, files.shadowEntry("expired").orElseThrow().expiresOnDay().getAsLong());
        assertEquals(Path.of("/home/alice"), files.passwdEntry("alice").orElseThrow().home());
        assertEquals(1000, files.passwdEntry("alice").orElseThrow().uid());
        assertTrue(files.passwdEntry("nobody-here").isEmpty());
    }

    @Test
    void unreadableShadowIsAClearErrorWhenMade() throws IOException {
        Path missing = dir.resolve("no-shadow");
        CheckerConfigurationException e = assertThrows(CheckerConfigurationException.class,
                () -> new UnixAccountChecker(new UnixAccountFiles(passwd, missing, FileLimits.DEFAULT), JUNE_2026));
        assertEquals("cannot read " + missing + ": no such file", e.getMessage());

        Path directory = Files.createDirectory(dir.resolve("shadow-dir"));
        e = assertThrows(CheckerConfigurationException.class,
                () -> new UnixAccountChecker(new UnixAccountFiles(passwd, directory, FileLimits.DEFAULT), JUNE_2026));
        assertTrue(e.getMessage().startsWith("cannot read " + directory), e.getMessage());

        e = assertThrows(CheckerConfigurationException.class, () -> new UnixAccountChecker(
                new UnixAccountFiles(dir.resolve("no-passwd"), shadow, FileLimits.DEFAULT), JUNE_2026));
        assertEquals("cannot read " + dir.resolve("no-passwd") + ": no such file", e.getMessage());
    }

    @Test
    void shadowThatBecomesUnreadableRefusesLogins() throws IOException {
        UnixAccountChecker checker = checker();
        Files.delete(shadow);
        failureResultOf(login(checker, "alice", "secret"), UnauthorizedLogin.class);
    }

    @Test
    void systemShadowIsReadOrRefusedClearly() {
        // Whoever runs the tests: as root the real files are read; otherwise the error says why.
        boolean readable = Files.isReadable(UnixAccountFiles.SYSTEM_SHADOW);
        if (readable) {
            UnixAccountChecker system = new UnixAccountChecker();
            failureResultOf(login(system, "torsion-no-such-user", "x"), UnauthorizedLogin.class);
        } else {
            CheckerConfigurationException e = assertThrows(CheckerConfigurationException.class, UnixAccountChecker::new);
            assertTrue(e.getMessage().contains("/etc/shadow"), e.getMessage());
        }
    }

    @Test
    void unknownAndLockedUsersAreCheckedAgainstTheCostliestHashOfTheShadowFile() {
        List<String> verified = new ArrayList<>();
        UnixAccountChecker watched = new UnixAccountChecker(new UnixAccountFiles(passwd, shadow, FileLimits.DEFAULT),
                JUNE_2026, (password, hash) -> {
                    verified.add(hash);
                    return PasswordHashVerifier.CRYPT.verify(password, hash);
                });
        failureResultOf(login(watched, "nobody", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(watched, "locked", "secret"), UnauthorizedLogin.class);
        // scrypt N=2^14, r=32 costs more than yescrypt j9T, bcrypt cost 5 and SHA-crypt at 5000 rounds.
        assertEquals(List.of(SECRET_SCRYPT, SECRET_SCRYPT), verified);
        verified.clear();
        failureResultOf(login(watched, "bob", "wrong"), UnauthorizedLogin.class);
        assertEquals(List.of(HUNTER2_SHA256), verified, "a known user is checked against its own hash");
    }
}
