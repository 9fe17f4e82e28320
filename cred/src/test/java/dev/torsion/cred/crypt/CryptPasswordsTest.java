package dev.torsion.cred.crypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CryptPasswordsTest {
    /** Made with {@code openssl passwd -6 -salt abcdefgh secret}. */
    static final String OPENSSL_SHA512 =
            "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    /** Made with {@code openssl passwd -5 -salt saltsalt hunter2}. */
    static final String OPENSSL_SHA256 = "$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3";
    /** Made with {@code openssl passwd -1 -salt xyz12345 md5pw}. */
    static final String OPENSSL_MD5 = "$1$xyz12345$wuXLd.a3o.FUviTfZUi1n.";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void checksHashesMadeByOpenssl() {
        assertTrue(CryptPasswords.matches(bytes("secret"), OPENSSL_SHA512));
        assertFalse(CryptPasswords.matches(bytes("Secret"), OPENSSL_SHA512));
        assertTrue(CryptPasswords.matches(bytes("hunter2"), OPENSSL_SHA256));
        assertFalse(CryptPasswords.matches(bytes("hunter3"), OPENSSL_SHA256));
        assertTrue(CryptPasswords.matches(bytes("md5pw"), OPENSSL_MD5));
        assertFalse(CryptPasswords.matches(bytes("md5pW"), OPENSSL_MD5));
    }

    @Test
    void roundsParameterIsHonoured() {
        String hash = org.apache.commons.codec.digest.Sha2Crypt.sha512Crypt(bytes("pw"), "$6$rounds=1000$somesalt");
        assertTrue(hash.startsWith("$6$rounds=1000$somesalt$"), hash);
        assertTrue(CryptPasswords.isWellFormed(hash));
        assertTrue(CryptPasswords.matches(bytes("pw"), hash));
        assertFalse(CryptPasswords.matches(bytes("pw2"), hash));
    }

    @Test
    void newHashesAreSaltedSha512() {
        String first = CryptPasswords.hash(bytes("pw"));
        String second = CryptPasswords.hash(bytes("pw"));
        assertTrue(first.startsWith("$6$"));
        assertTrue(CryptPasswords.isWellFormed(first), first);
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(CryptPasswords.matches(bytes("pw"), first));
        assertTrue(CryptPasswords.matches(bytes("pw"), second));
        String sha256 = CryptPasswords.hash(CryptScheme.SHA256, bytes("pw"));
        assertTrue(sha256.startsWith("$5$") && CryptPasswords.matches(bytes("pw"), sha256));
        assertThrows(IllegalArgumentException.class, () -> CryptPasswords.hash(CryptScheme.MD5, bytes("pw")));
    }

    @Test
    void unsupportedAndMalformedHashesNeverMatch() {
        // A DES hash of "secret": commons-codec's generic Crypt.crypt would check it, we must not.
        String des = org.apache.commons.codec.digest.UnixCrypt.crypt(bytes("secret"), "ab");
        assertFalse(CryptPasswords.isSupported(des));
        assertFalse(CryptPasswords.matches(bytes("secret"), des));
        assertFalse(CryptPasswords.matches(bytes("x"), "$y$j9T$abc$def"));
        assertFalse(CryptPasswords.matches(bytes("x"), "$2b$12$abcdefghijklmnopqrstuv"));
        assertFalse(CryptPasswords.matches(bytes("secret"), OPENSSL_SHA512.substring(0, OPENSSL_SHA512.length() - 1)));
        assertFalse(CryptPasswords.matches(bytes("secret"), "$6$"));
        assertFalse(CryptPasswords.matches(bytes("secret"), "$6$ab$"));
        assertFalse(CryptPasswords.isWellFormed("$6$bad salt$" + "a".repeat(86)));
        assertFalse(CryptPasswords.matchNothing(bytes("secret")));
        assertEquals("$y$", CryptScheme.describeUnsupported("$y$j9T$abc"));
        assertEquals("$2b$", CryptScheme.describeUnsupported("$2b$12$abc"));
        assertEquals("no $id$ prefix (plain text or DES)", CryptScheme.describeUnsupported(des));
    }
}
