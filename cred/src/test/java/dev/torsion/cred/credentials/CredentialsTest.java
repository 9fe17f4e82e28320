package dev.torsion.cred.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    @Test
    void usernamePasswordComparesBytesAndCharacters() {
        UsernamePassword credentials = new UsernamePassword("alice", "pässword".toCharArray());
        assertTrue(credentials.checkPassword("pässword".getBytes(StandardCharsets.UTF_8)));
        assertTrue(credentials.checkPassword("pässword".toCharArray()));
        assertFalse(credentials.checkPassword("password".toCharArray()));
        assertFalse(credentials.checkPassword("pässwor".toCharArray()), "a prefix is not the password");
        assertFalse(credentials.checkPassword("pässwordd".toCharArray()));
        assertFalse(credentials.checkPassword(new byte[0]));
        assertArrayEquals("pässword".getBytes(StandardCharsets.UTF_8), credentials.password());
    }

    @Test
    void passwordIsCopiedHiddenAndWipeable() {
        byte[] given = "secret".getBytes(StandardCharsets.US_ASCII);
        UsernamePassword credentials = new UsernamePassword("bob", given);
        given[0] = 'X';
        assertTrue(credentials.checkPassword("secret".getBytes(StandardCharsets.US_ASCII)), "the caller's array was copied");
        credentials.password()[0] = 'Y';
        assertTrue(credentials.checkPassword("secret".toCharArray()), "password() returns a copy");
        assertFalse(credentials.toString().contains("secret"));
        assertEquals("UsernamePassword(bob, password hidden)", credentials.toString());
        credentials.destroy();
        assertTrue(credentials.isDestroyed());
        assertThrows(IllegalStateException.class, () -> credentials.checkPassword("secret".toCharArray()));
        assertThrows(IllegalStateException.class, credentials::password);
    }

    @Test
    void cramMd5ChecksTheRfc2195Example() {
        // RFC 2195 section 2: user tim, password tanstaaftanstaaf.
        byte[] challenge = "<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII);
        CramMd5Credentials credentials = new CramMd5Credentials("tim", challenge, "b913a602c7eda7a495b4e6e7334d3890");
        assertTrue(credentials.checkPassword("tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(credentials.checkPassword("tanstaaftanstaag".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(credentials.checkPassword(new byte[0]));
        assertTrue(new CramMd5Credentials("tim", challenge, "B913A602C7EDA7A495B4E6E7334D3890")
                .checkPassword("tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII)), "hex case does not matter");
    }

    @Test
    void sshPublicKeyCredentials() {
        SshPublicKey query = SshPublicKey.query("alice", "ssh-ed25519", new byte[] {1, 2});
        assertTrue(query.signature().isEmpty());
        assertTrue(query.signedData().isEmpty());
        assertTrue(query.peerAddress().isEmpty());
        SshPublicKey signed = SshPublicKey.signed("alice", "ssh-ed25519", new byte[] {1, 2}, new byte[] {3},
                new byte[] {4}).fromPeer("192.0.2.1");
        assertArrayEquals(new byte[] {4}, signed.signature().orElseThrow());
        assertArrayEquals(new byte[] {3}, signed.signedData().orElseThrow());
        assertEquals("192.0.2.1", signed.peerAddress().orElseThrow());
        assertEquals("SshPublicKey(alice, ssh-ed25519, signed)", signed.toString());
    }
}
