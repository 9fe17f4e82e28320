package dev.torsion.cred.checkers;

import static dev.torsion.cred.DeferredResults.failureResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.cred.crypt.HashVerdict;
import dev.torsion.cred.crypt.PasswordHashVerifier;
import dev.torsion.cred.crypt.PasswordVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unknown user is checked against the costliest hash of the file, whatever its place: were it
 * the first (or the cheapest), a user with a costlier hash would answer more slowly and be told
 * from an unknown one. Seen through the verifier, not by timing.
 */
class UnknownUserCostTest {
    private static final String CHEAP_APR1 = "$apr1$ZnniDeyA$ScWj7dZAV9kbYagD86kfW0";
    private static final String SHA1 = "{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBzM=";
    private static final String BCRYPT_12 = "$2b$12$e1x4lz7RC1hyAC2.wCifW.Xzg9S8Yw0zI0eDJpGd5Qn7zWJwO.5hS";
    private static final String BCRYPT_10 = "$2b$10$L6pQI3i0nTtUPLbOORotnuMR5T5dQn2dL4h5vEjzO8dN8vYbO3w6a";
    private static final String YESCRYPT_DEFAULT = "$y$j9T$Fz2wOoMc0WP7zgcd4p1u1.$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP";

    private final List<String> verified = new ArrayList<>();
    private final PasswordVerifier recording = (password, hash) -> {
        verified.add(hash);
        return HashVerdict.MISMATCH;
    };

    @TempDir
    Path dir;

    private FilePasswordDatabase database(String... lines) throws IOException {
        Path file = dir.resolve("passwd");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return new FilePasswordDatabase(file, new FilePasswordDatabase.Options().verifier(recording));
    }

    @Test
    void anUnknownUserIsCheckedAgainstTheCostliestHashNotTheFirst() throws IOException {
        FilePasswordDatabase checker = database("cheap:" + CHEAP_APR1, "sha:" + SHA1, "mid:" + BCRYPT_10,
                "dear:" + BCRYPT_12, "yes:" + YESCRYPT_DEFAULT);
        failureResultOf(checker.requestAvatarId(new UsernamePassword("nobody", "guess".getBytes(StandardCharsets.UTF_8))),
                UnauthorizedLogin.class);
        assertEquals(List.of(BCRYPT_12), verified);
    }

    @Test
    void aKnownUserIsCheckedAgainstItsOwnHash() throws IOException {
        FilePasswordDatabase checker = database("cheap:" + CHEAP_APR1, "dear:" + BCRYPT_12);
        failureResultOf(checker.requestAvatarId(new UsernamePassword("cheap", "guess".getBytes(StandardCharsets.UTF_8))),
                UnauthorizedLogin.class);
        assertEquals(List.of(CHEAP_APR1), verified);
    }

    @Test
    void costsFollowTheHashesOwnParameters() {
        PasswordHashVerifier hashes = PasswordHashVerifier.CRYPT_AND_HTPASSWD;
        String sha512Default = CryptPasswords.hash("x".getBytes(StandardCharsets.UTF_8));
        String sha512Many = "$6$rounds=50000$" + sha512Default.substring(3);
        assertTrue(hashes.estimatedCostNanos(sha512Many) > hashes.estimatedCostNanos(sha512Default));
        assertTrue(hashes.estimatedCostNanos(BCRYPT_12) > hashes.estimatedCostNanos(BCRYPT_10));
        assertTrue(hashes.estimatedCostNanos(YESCRYPT_DEFAULT) > hashes.estimatedCostNanos(sha512Default));
        assertTrue(hashes.estimatedCostNanos(sha512Default) > hashes.estimatedCostNanos(CHEAP_APR1));
        assertTrue(hashes.estimatedCostNanos(CHEAP_APR1) > hashes.estimatedCostNanos(SHA1));
        assertEquals(0, hashes.estimatedCostNanos("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"));
        assertEquals(BCRYPT_12, hashes.costliest(List.of(SHA1, BCRYPT_12, sha512Many, YESCRYPT_DEFAULT)).orElseThrow());
    }
}
