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
import dev.torsion.cred.credentials.CramMd5Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.files.LineProblem;
import dev.torsion.cred.files.MalformedFileException;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePasswordDatabaseTest {
    /** {@code openssl passwd -6 -salt abcdefgh secret}. */
    private static final String ALICE_SHA512 =
            "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    /** {@code openssl passwd -5 -salt saltsalt hunter2}. */
    private static final String BOB_SHA256 = "$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3";
    /** {@code openssl passwd -1 -salt xyz12345 md5pw}. */
    private static final String CAROL_MD5 = "$1$xyz12345$wuXLd.a3o.FUviTfZUi1n.";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static Deferred<AvatarId> login(CredentialsChecker checker, String user, String password) {
        return checker.requestAvatarId(new UsernamePassword(user, password.toCharArray()));
    }

    @Test
    void acceptsRightPasswordsOfEachScheme() throws IOException {
        FilePasswordDatabase db = new FilePasswordDatabase(write("# users\n\nalice:" + ALICE_SHA512 + "\nbob:"
                + BOB_SHA256 + "\r\ncarol:" + CAROL_MD5 + "\n"));
        assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", "secret")));
        assertEquals(AvatarId.of("bob"), successResultOf(login(db, "bob", "hunter2")));
        assertEquals(AvatarId.of("carol"), successResultOf(login(db, "carol", "md5pw")));
        assertEquals(Set.of(UsernamePassword.class), db.credentialTypes());
        assertTrue(db.problems().isEmpty());
    }

    @Test
    void refusesWrongPasswordsAndUnknownUsers() throws IOException {
        FilePasswordDatabase db = new FilePasswordDatabase(write("alice:" + ALICE_SHA512 + "\n"));
        failureResultOf(login(db, "alice", "secreT"), UnauthorizedLogin.class);
        failureResultOf(login(db, "alice", ""), UnauthorizedLogin.class);
        failureResultOf(login(db, "mallory", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(db, "Alice", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(db, "alice:" + ALICE_SHA512, "secret"), UnauthorizedLogin.class);
    }

    @Test
    void malformedFileIsRefusedWithLineNumbers() throws IOException {
        Path file = write(String.join("\n",
                "alice:" + ALICE_SHA512,      // 1 fine
                "no colon here",              // 2
                ":" + BOB_SHA256,             // 3
                "bob:",                       // 4
                "carol:plaintextpassword",    // 5
                "dave:$apr1$abc$short",       // 6
                "erin:$6$short$tooshort",     // 7
                "alice:" + BOB_SHA256,        // 8 duplicate
                "fr ank:" + BOB_SHA256,       // 9
                "# comment",                  // 10
                "   ",                        // 11
                "gina:" + CAROL_MD5) + "\n"); // 12 fine
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> new FilePasswordDatabase(file));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9),
                e.problems().stream().map(LineProblem::lineNumber).collect(Collectors.toList()));
        assertEquals("no ':' between user name and password hash", e.problems().get(0).reason());
        assertEquals("empty user name", e.problems().get(1).reason());
        assertEquals("empty password hash", e.problems().get(2).reason());
        assertTrue(e.problems().get(3).reason().startsWith("plain-text password (or DES hash) refused"),
                e.problems().get(3).reason());
        assertEquals("malformed $apr1$ hash", e.problems().get(4).reason());
        assertEquals("malformed $6$ hash", e.problems().get(5).reason());
        assertEquals("user alice appears again (first on line 1)", e.problems().get(6).reason());
        assertEquals("user name contains white space or control characters", e.problems().get(7).reason());
        assertTrue(e.getMessage().startsWith(file + ": line 2: "), e.getMessage());
        assertFalse(e.getMessage().contains("plaintextpassword"), "secrets never appear in errors");
        assertFalse(e.getMessage().contains("ltjgWl6579"), "hashes never appear in errors");
    }

    @Test
    void missingFileIsAClearError() {
        CheckerConfigurationException e = assertThrows(CheckerConfigurationException.class,
                () -> new FilePasswordDatabase(dir.resolve("nope")));
        assertTrue(e.getMessage().startsWith("cannot read password file " + dir.resolve("nope")), e.getMessage());
    }

    @Test
    void limitsAreEnforced() throws IOException {
        Path file = write("alice:" + ALICE_SHA512 + "\nbob:" + BOB_SHA256 + "\n");
        FileLimits tiny = new FileLimits(1024, 200, 1);
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> new FilePasswordDatabase(file, new FilePasswordDatabase.Options().limits(tiny)));
        assertEquals(List.of(new LineProblem(2, "more than 1 users")), e.problems());
        FileLimits shortLines = new FileLimits(1024, 50, 10);
        e = assertThrows(MalformedFileException.class,
                () -> new FilePasswordDatabase(file, new FilePasswordDatabase.Options().limits(shortLines)));
        assertEquals("longer than 50 characters", e.problems().get(0).reason());
        FileLimits smallFile = new FileLimits(100, 200, 10);
        CheckerConfigurationException big = assertThrows(CheckerConfigurationException.class,
                () -> new FilePasswordDatabase(file, new FilePasswordDatabase.Options().limits(smallFile)));
        assertTrue(big.getMessage().contains("larger than the limit of 100 bytes"), big.getMessage());
    }

    @Test
    void plainTextOnlyWhenAllowed() throws IOException {
        Path file = write("tim:tanstaaftanstaaf\nalice:" + ALICE_SHA512 + "\n");
        assertThrows(MalformedFileException.class, () -> new FilePasswordDatabase(file));
        FilePasswordDatabase db = new FilePasswordDatabase(file, new FilePasswordDatabase.Options().allowPlainText(true));
        assertEquals(Set.of(UsernamePassword.class, UsernameHashedPassword.class), db.credentialTypes());
        assertEquals(AvatarId.of("tim"), successResultOf(login(db, "tim", "tanstaaftanstaaf")));
        failureResultOf(login(db, "tim", "tanstaaf"), UnauthorizedLogin.class);
        byte[] challenge = "<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(AvatarId.of("tim"), successResultOf(db.requestAvatarId(
                new CramMd5Credentials("tim", challenge, "b913a602c7eda7a495b4e6e7334d3890"))));
        // A stored hash cannot check a hashed proof: refused, not an error.
        failureResultOf(db.requestAvatarId(new CramMd5Credentials("alice", challenge, "00")), UnauthorizedLogin.class);
        assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", "secret")));
    }

    @Test
    void fileIsReadAgainWhenItChanges() throws IOException {
        Path file = write("alice:" + ALICE_SHA512 + "\n");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        successResultOf(login(db, "alice", "secret"));
        failureResultOf(login(db, "dora", "new"), UnauthorizedLogin.class);

        String doraHash = CryptPasswords.hash("new".getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "dora:" + doraHash + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        successResultOf(login(db, "dora", "new"));
        failureResultOf(login(db, "alice", "secret"), UnauthorizedLogin.class);
    }

    @Test
    void malformedLinesAfterAChangeAreSkippedAndReported() throws IOException {
        Path file = write("alice:" + ALICE_SHA512 + "\n");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        Files.writeString(file, "garbage line\nbob:" + BOB_SHA256 + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
        successResultOf(login(db, "bob", "hunter2"));
        failureResultOf(login(db, "alice", "secret"), UnauthorizedLogin.class);
        assertEquals(List.of(new LineProblem(1, "no ':' between user name and password hash")), db.problems());
    }

    @Test
    void unreadableFileRefusesEveryoneUntilItIsBack() throws IOException {
        Path file = write("alice:" + ALICE_SHA512 + "\n");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        Files.delete(file);
        failureResultOf(login(db, "alice", "secret"), UnauthorizedLogin.class);
        write("alice:" + ALICE_SHA512 + "\n");
        successResultOf(login(db, "alice", "secret"));
    }

    @Test
    void fuzzedFilesNeverThrowAnythingButTheDocumentedErrors() throws IOException {
        Random random = new Random(7);
        String alphabet = "ab:$56y#\n \r\t./xyz0\u00e9{}SHAapr1";
        for (int round = 0; round < 300; round++) {
            StringBuilder content = new StringBuilder();
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                content.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Path file = write(content.toString());
            try {
                FilePasswordDatabase db = new FilePasswordDatabase(file,
                        new FilePasswordDatabase.Options().allowPlainText(random.nextBoolean()));
                db.requestAvatarId(new UsernamePassword("a", "b".toCharArray())).addErrback(f -> null);
            } catch (MalformedFileException expected) {
                assertFalse(expected.problems().isEmpty());
            }
        }
    }

    /** {@code htpasswd -nbB -C 5 alice secret}. */
    private static final String HTPASSWD_BCRYPT = "$2y$05$vteWb.h5RzK9SifxTQQFaevvVUTpxvAfqoL.mfl9fuMUuJG2pCvkO";
    /** {@code htpasswd -nbm bob hunter2}. */
    private static final String HTPASSWD_APR1 = "$apr1$ZnniDeyA$ScWj7dZAV9kbYagD86kfW0";
    /** {@code htpasswd -nbs carol sha1pw}. */
    private static final String HTPASSWD_SHA1 = "{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBzM=";

    @Test
    void acceptsHtpasswdAndLibcryptSchemes() throws IOException {
        FilePasswordDatabase db = new FilePasswordDatabase(write(String.join("\n",
                "alice:" + HTPASSWD_BCRYPT,
                "bob:" + HTPASSWD_APR1,
                "carol:" + HTPASSWD_SHA1,
                "yes:" + UnixAccountCheckerTest.SECRET_YESCRYPT,
                "gost:" + UnixAccountCheckerTest.SECRET_GOST_YESCRYPT,
                "scrypt:" + UnixAccountCheckerTest.SECRET_SCRYPT,
                "bcrypt:" + UnixAccountCheckerTest.SECRET_BCRYPT) + "\n"));
        assertTrue(db.problems().isEmpty());
        String[][] rightPasswords = {{"alice", "secret"}, {"bob", "hunter2"}, {"carol", "sha1pw"}, {"yes", "secret"},
            {"gost", "secret"}, {"scrypt", "secret"}, {"bcrypt", "secret"}};
        for (String[] user : rightPasswords) {
            assertEquals(AvatarId.of(user[0]), successResultOf(login(db, user[0], user[1])), user[0]);
            failureResultOf(login(db, user[0], user[1] + "x"), UnauthorizedLogin.class);
            failureResultOf(login(db, user[0], ""), UnauthorizedLogin.class);
        }
        // The same proof works for no other user, and C's NUL does not cut a libcrypt password short.
        failureResultOf(login(db, "bob", "secret"), UnauthorizedLogin.class);
        failureResultOf(login(db, "alice", "secret\u0000more"), UnauthorizedLogin.class);
    }

    @Test
    void unknownSchemesAreRefusedWithOneWarningPerEntry() throws IOException {
        Path file = write(String.join("\n",
                "alice:" + ALICE_SHA512,
                "argon:$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "ssha:{SSHA}MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u",
                "odd:{secret}") + "\n");
        FilePasswordDatabase db = new FilePasswordDatabase(file);
        assertTrue(db.problems().isEmpty(), "unknown schemes do not make the file malformed");
        try (CapturedLog captured = CapturedLog.of(FilePasswordDatabase.class)) {
            for (int attempt = 0; attempt < 3; attempt++) {
                failureResultOf(login(db, "argon", "pw"), UnauthorizedLogin.class);
                failureResultOf(login(db, "ssha", "pw"), UnauthorizedLogin.class);
                failureResultOf(login(db, "odd", "{secret}"), UnauthorizedLogin.class);
            }
            assertEquals(AvatarId.of("alice"), successResultOf(login(db, "alice", "secret")));
            List<String> warnings = captured.warnings();
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("line 2: user argon") && warnings.get(0).contains("$argon2id$"),
                    warnings.get(0));
            assertTrue(warnings.get(1).contains("line 3: user ssha") && warnings.get(1).contains("{SSHA}"),
                    warnings.get(1));
            assertTrue(warnings.get(2).contains("line 4: user odd") && warnings.get(2).contains("unknown {-scheme"),
                    warnings.get(2));
            for (String warning : warnings) {
                assertTrue(warning.contains("not a supported scheme"), warning);
                assertFalse(warning.contains("c2FsdH") || warning.contains("MTIzND") || warning.contains("secret"),
                        "neither hash nor password: " + warning);
            }
        }
    }

    @Test
    void hashesLibcryptRefusesAreRefusedWithOneWarning() throws IOException {
        FilePasswordDatabase db = new FilePasswordDatabase(write("bad:$y$j9T$bad\n"));
        try (CapturedLog captured = CapturedLog.of(FilePasswordDatabase.class)) {
            failureResultOf(login(db, "bad", "secret"), UnauthorizedLogin.class);
            failureResultOf(login(db, "bad", "secret"), UnauthorizedLogin.class);
            assertEquals(1, captured.warnings().size(), captured.warnings().toString());
            String warning = captured.warnings().get(0);
            assertTrue(warning.contains("user bad") && warning.contains("$y$") && warning.contains("libcrypt"), warning);
            assertFalse(warning.contains("j9T"), "the hash is not logged: " + warning);
        }
    }

    @Test
    void malformedHtpasswdHashesAreMalformedLines() throws IOException {
        Path file = write(String.join("\n",
                "a:$apr1$ZnniDeyA$ScWj7dZAV9kbYagD86kfW",      // digest one short
                "b:$apr1$toolongsalt$ScWj7dZAV9kbYagD86kfW0",  // salt over 8
                "c:{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBz=",          // base64 one short
                "d:{SHA}hWK/nKq6ApDFwwVB9GNyLi7WB!M=",         // not base64
                "e:{SHA}",
                "f:$2y$") + "\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> new FilePasswordDatabase(file));
        assertEquals(List.of(new LineProblem(1, "malformed $apr1$ hash"), new LineProblem(2, "malformed $apr1$ hash"),
                new LineProblem(3, "malformed {SHA} hash"), new LineProblem(4, "malformed {SHA} hash"),
                new LineProblem(5, "malformed {SHA} hash")), e.problems());
        assertFalse(e.getMessage().contains("ScWj7"), "hashes never appear in errors");
        // "$2y$" alone is printable: libcrypt judges it at login, and refuses it.
        FilePasswordDatabase db = new FilePasswordDatabase(write("f:$2y$\n"));
        failureResultOf(login(db, "f", ""), UnauthorizedLogin.class);
    }
}
