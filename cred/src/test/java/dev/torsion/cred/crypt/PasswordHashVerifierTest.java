package dev.torsion.cred.crypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known vectors for every scheme the shared verifier checks, and what each instance refuses. */
class PasswordHashVerifierTest {
    private static final PasswordHashVerifier FILES = PasswordHashVerifier.CRYPT_AND_HTPASSWD;
    private static final PasswordHashVerifier SHADOW = PasswordHashVerifier.CRYPT;

    /** {@code htpasswd -nbB -C 5 alice secret}. */
    static final String HTPASSWD_BCRYPT = "$2y$05$vteWb.h5RzK9SifxTQQFaevvVUTpxvAfqoL.mfl9fuMUuJG2pCvkO";
    /** {@code htpasswd -nbm bob hunter2} (Apache's own APR1-MD5, random salt). */
    static final String HTPASSWD_APR1 = "$apr1$ZnniDeyA$ScWj7dZAV9kbYagD86kfW0";
    /** {@code openssl passwd -apr1 -salt saltsalt hunter2}: another implementation of APR1-MD5. */
    static final String OPENSSL_APR1 = "$apr1$saltsalt$r/QcFGT5pNL28bNkeDMHR.";
    /** {@code htpasswd -nbs carol sha1pw}. */
    static final String HTPASSWD_SHA1 = "{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBzM=";
    /** {@code printf password | openssl sha1 -binary | base64}, the {SHA} form of "password". */
    static final String PASSWORD_SHA1 = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertChecks(PasswordHashVerifier verifier, String password, String hash) {
        assertTrue(verifier.accepts(hash), hash);
        assertTrue(verifier.isWellFormed(hash), hash);
        assertEquals(HashVerdict.MATCH, verifier.verify(utf8(password), hash), hash);
        assertEquals(HashVerdict.MISMATCH, verifier.verify(utf8(password + "x"), hash), hash);
        assertEquals(HashVerdict.MISMATCH, verifier.verify(utf8(password.toUpperCase()), hash), hash);
        assertEquals(HashVerdict.MISMATCH, verifier.verify(new byte[0], hash), hash);
    }

    @Test
    void cryptSchemesAreCheckedByBothInstances() {
        for (PasswordHashVerifier verifier : List.of(FILES, SHADOW)) {
            assertChecks(verifier, "secret", CryptPasswordsTest.OPENSSL_SHA512);
            assertChecks(verifier, "hunter2", CryptPasswordsTest.OPENSSL_SHA256);
            assertChecks(verifier, "md5pw", CryptPasswordsTest.OPENSSL_MD5);
            assertChecks(verifier, "secret", SystemCryptTest.SECRET_YESCRYPT);
            assertChecks(verifier, "secret", SystemCryptTest.SECRET_GOST_YESCRYPT);
            assertChecks(verifier, "secret", SystemCryptTest.SECRET_SCRYPT);
            assertChecks(verifier, "secret", SystemCryptTest.SECRET_BCRYPT);
            assertChecks(verifier, "secret", HTPASSWD_BCRYPT);
        }
    }

    @Test
    void apacheSchemesAreCheckedForPasswordFilesOnly() {
        assertChecks(FILES, "hunter2", HTPASSWD_APR1);
        assertChecks(FILES, "hunter2", OPENSSL_APR1);
        assertChecks(FILES, "sha1pw", HTPASSWD_SHA1);
        assertChecks(FILES, "password", PASSWORD_SHA1);
        for (String hash : List.of(HTPASSWD_APR1, HTPASSWD_SHA1)) {
            assertFalse(SHADOW.accepts(hash), hash);
            assertEquals(HashVerdict.REFUSED, SHADOW.verify(utf8("hunter2"), hash), hash);
            assertEquals(HashVerdict.REFUSED, SHADOW.verify(utf8("sha1pw"), hash), hash);
        }
    }

    @Test
    void apr1IsMd5CryptWithItsOwnMagic() {
        // The same salt and password under "$1$" give another digest: the magic is hashed in.
        String md5 = org.apache.commons.codec.digest.Md5Crypt.md5Crypt(utf8("hunter2"), "$1$saltsalt");
        assertFalse(md5.substring(3).equals(OPENSSL_APR1.substring(6)), md5);
        assertEquals(HashVerdict.MISMATCH, FILES.verify(utf8("hunter2"), "$apr1$" + md5.substring(3)));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        // printf 'pässword' | openssl sha1 -binary | base64
        assertChecks(FILES, "p\u00e4ssword", "{SHA}I7dElEdfX4dJgLdnbVEeI9iG2mQ=");
    }

    @Test
    void malformedAndUnknownHashesAreRefusedWithoutExceptions() {
        List<String> refused = List.of("", "$", "{", "{SHA}", "{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBz=",
                "{SHA}hWK/nKq6ApDFwwVB9GNyLi7WB!M=", "{SHA}" + HTPASSWD_SHA1.substring(5) + "A",
                "$apr1$", "$apr1$$ScWj7dZAV9kbYagD86kfW0", "$apr1$toolongsalt$ScWj7dZAV9kbYagD86kfW0",
                "$apr1$ZnniDeyA$ScWj7dZAV9kbYagD86kfW", "$apr1$Znni eyA$ScWj7dZAV9kbYagD86kfW0",
                "$6$short$tooshort", "$y$j9T$bad", "$2y$99$abcdefghijklmnopqrstuu", "$y$\u00e9",
                "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "{SSHA}MTIzNDU2Nzg5MGFi", "abJnggxhB/yWI",
                "plaintext");
        for (String hash : refused) {
            assertEquals(HashVerdict.REFUSED, FILES.verify(utf8("secret"), hash), hash);
            assertEquals(HashVerdict.REFUSED, SHADOW.verify(utf8("secret"), hash), hash);
        }
        assertFalse(FILES.isWellFormed("{SHA}hWK/nKq6ApDFwwVB9GNyLi7WBz="));
        assertFalse(FILES.isWellFormed("$apr1$toolongsalt$ScWj7dZAV9kbYagD86kfW0"));
        assertFalse(FILES.accepts("{SSHA}MTIzNDU2Nzg5MGFi"));
        assertFalse(FILES.accepts("$argon2id$v=19$x"));
    }

    @Test
    void theCallersPasswordIsLeftAsItIs() {
        // commons-codec wipes the key bytes it is given; the verifier must hand it a copy.
        for (String hash : List.of(HTPASSWD_APR1, CryptPasswordsTest.OPENSSL_MD5, CryptPasswordsTest.OPENSSL_SHA256,
                HTPASSWD_SHA1, HTPASSWD_BCRYPT)) {
            byte[] password = utf8("hunter2");
            FILES.verify(password, hash);
            assertArrayEquals(utf8("hunter2"), password, hash);
        }
    }

    @Test
    void schemeNamesNeverShowTheHash() {
        assertEquals("$apr1$", PasswordHashVerifier.schemeName(HTPASSWD_APR1));
        assertEquals("{SHA}", PasswordHashVerifier.schemeName(HTPASSWD_SHA1));
        assertEquals("$2y$", PasswordHashVerifier.schemeName(HTPASSWD_BCRYPT));
        assertEquals("$argon2id$", PasswordHashVerifier.schemeName("$argon2id$v=19$x"));
        assertEquals("{SSHA}", PasswordHashVerifier.schemeName("{SSHA}MTIzNDU2"));
        assertEquals("unknown {-scheme", PasswordHashVerifier.schemeName("{secret}"));
        assertEquals("unknown {-scheme", PasswordHashVerifier.schemeName("{lowercase}hash"));
        assertEquals("no $id$ prefix (plain text or DES)", PasswordHashVerifier.schemeName("abJnggxhB/yWI"));
    }

    @Test
    void supportedPrefixesAreListed() {
        assertEquals("$6$, $5$, $1$, $y$, $gy$, $7$, $2b$, $2a$, $2y$, $apr1$, {SHA}", FILES.supportedPrefixes());
        assertEquals("$6$, $5$, $1$, $y$, $gy$, $7$, $2b$, $2a$, $2y$", SHADOW.supportedPrefixes());
    }
}
