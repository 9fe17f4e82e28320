package dev.torsion.cred.crypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SystemCrypt} against hashes the system's libcrypt (libxcrypt, Debian package libcrypt1,
 * which is essential) made of "secret" with fixed salts.
 */
class SystemCryptTest {
    static final String SECRET_YESCRYPT = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0";
    static final String SECRET_BCRYPT = "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a";
    static final String SECRET_SCRYPT = "$7$CU..../....abcdefghijklmnop$XFPPWJganQ6Nq0QhVHxk/yHxMXizE0OJDowAsO4.RIA";
    static final String SECRET_GOST_YESCRYPT =
            "$gy$j9T$F5Jx5fExrKuPp53xLKQ..1$uE5FcoxTz78xZpMZkpTmj/0MogyeNUSLIjdCxpQjz.8";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void libcryptIsLoaded() {
        assertTrue(SystemCrypt.isAvailable(), "libcrypt.so.1 (Debian package libcrypt1) must be loadable");
    }

    @Test
    void rightPasswordMatchesAndWrongOnesDoNot() {
        for (String hash : List.of(SECRET_YESCRYPT, SECRET_BCRYPT, SECRET_SCRYPT, SECRET_GOST_YESCRYPT)) {
            assertEquals(HashVerdict.MATCH, SystemCrypt.check(utf8("secret"), hash), hash);
            assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(utf8("secreT"), hash), hash);
            assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(utf8(""), hash), hash);
        }
    }

    @Test
    void passwordsLibcryptWouldTruncateOrRefuseNeverMatch() {
        assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(utf8("secret\u0000tail"), SECRET_YESCRYPT));
        byte[] huge = new byte[SystemCrypt.MAX_PASSPHRASE_BYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(huge, SECRET_YESCRYPT));
        byte[] longest = Arrays.copyOf(huge, SystemCrypt.MAX_PASSPHRASE_BYTES);
        assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(longest, SECRET_YESCRYPT), "libcrypt hashes 511 bytes");
    }

    @Test
    void malformedSettingsAreRefused() {
        assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), "$y$j9T$bad"));
        assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), "$y$"));
        assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), "$2b$99$abcdefghijklmnopqrstuu"));
        assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$\u00e9"));
        assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), "$y$j9T\nx"));
    }

    @Test
    void truncatedHashDoesNotMatch() {
        String cut = SECRET_YESCRYPT.substring(0, SECRET_YESCRYPT.length() - 1);
        assertEquals(HashVerdict.MISMATCH, SystemCrypt.check(utf8("secret"), cut));
    }

    @Test
    void onlyItsOwnSchemesAreHandled() {
        for (String hash : List.of(SECRET_YESCRYPT, SECRET_BCRYPT, SECRET_SCRYPT, SECRET_GOST_YESCRYPT,
                "$2a$05$x", "$2y$05$x")) {
            assertTrue(SystemCrypt.handles(hash), hash);
        }
        for (String hash : List.of("$6$abc$def", "$5$abc$def", "$1$abc$def", "abJnggxhB/yWI", "", "!$y$j9T$x", "*")) {
            assertFalse(SystemCrypt.handles(hash), hash);
            assertEquals(HashVerdict.REFUSED, SystemCrypt.check(utf8("secret"), hash), hash);
        }
    }

    @Test
    void unknownUserCheckNeverMatches() {
        assertFalse(SystemCrypt.matchNothing());
    }

    @Test
    void concurrentChecksDoNotShareState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HashVerdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String password = i % 2 == 0 ? "secret" : "wrong" + i;
                String hash = i % 4 < 2 ? SECRET_YESCRYPT : SECRET_BCRYPT;
                verdicts.add(pool.submit(() -> SystemCrypt.check(utf8(password), hash)));
            }
            for (int i = 0; i < verdicts.size(); i++) {
                HashVerdict expected = i % 2 == 0 ? HashVerdict.MATCH : HashVerdict.MISMATCH;
                assertEquals(expected, verdicts.get(i).get(30, TimeUnit.SECONDS), "check " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
