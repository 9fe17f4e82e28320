package dev.torsion.xmpp.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5802 §5: the SCRAM-SHA-1 example. */
    @Test
    void rfc5802ExampleClientSide() throws Exception {
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_1, "user", utf8("pencil"), "fyko+d2lbbFgONRv9qkxdawL");
        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", new String(client.clientFirst(), StandardCharsets.UTF_8));
        byte[] clientFinal = client.clientFinal(utf8("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        assertEquals("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                new String(clientFinal, StandardCharsets.UTF_8));
        assertTrue(client.verifyServerFinal(utf8("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")));
        assertFalse(client.verifyServerFinal(utf8("v=AAAApqV8S7suAoZWja4dJRkFsKQ=")));
    }

    /** RFC 5802 §5: the server side checks the same proof and signs the same way. */
    @Test
    void rfc5802ExampleServerSide() {
        String authMessage = "n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        ScramCredentials credentials = new ScramCredentials(ScramAlgorithm.SHA_1, "user",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096, authMessage,
                Base64.getDecoder().decode("v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertFalse(credentials.checkPassword(utf8("pencils")));
        assertEquals(null, credentials.serverSignature());
        assertTrue(credentials.checkPassword(utf8("pencil")));
        assertArrayEquals(Base64.getDecoder().decode("rmF9pqV8S7suAoZWja4dJRkFsKQ="), credentials.serverSignature());
    }

    /** RFC 7677 §3: the SCRAM-SHA-256 example. */
    @Test
    void rfc7677Example() throws Exception {
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_256, "user", utf8("pencil"), "rOprNGfwEbeRWgbNEkqO");
        client.clientFirst();
        byte[] clientFinal = client.clientFinal(utf8("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertEquals("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", new String(clientFinal, StandardCharsets.UTF_8));
        assertTrue(client.verifyServerFinal(utf8("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
    }

    @Test
    void ourClientAndServerAgree() throws Exception {
        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            ScramClient client = new ScramClient(algorithm, "j=s,e", utf8("p\u00e4ss"), new SecureRandom());
            ScramServer server = new ScramServer(algorithm, new SecureRandom());
            byte[] serverFirst = server.clientFirst(client.clientFirst());
            assertEquals("j=s,e", server.username());
            ScramCredentials credentials = server.clientFinal(client.clientFinal(serverFirst));
            assertFalse(credentials.checkPassword(utf8("pass")));
            assertTrue(credentials.checkPassword(utf8("p\u00e4ss")));
            assertTrue(client.verifyServerFinal(server.serverFinal(credentials)));
        }
    }

    @Test
    void serverRefusesMalformedMessages() throws Exception {
        ScramServer server = new ScramServer(ScramAlgorithm.SHA_256, new SecureRandom());
        assertEquals(SaslCondition.MALFORMED_REQUEST, assertThrows(SaslException.class,
                () -> server.clientFirst(utf8("p=tls-unique,,n=user,r=abc"))).condition());
        assertEquals(SaslCondition.MALFORMED_REQUEST, assertThrows(SaslException.class,
                () -> server.clientFirst(utf8("n,,n=us=er,r=abc"))).condition());
        assertEquals(SaslCondition.MALFORMED_REQUEST, assertThrows(SaslException.class,
                () -> server.clientFirst(utf8("n,,m=ext,n=user,r=abc"))).condition());
        assertEquals(SaslCondition.MALFORMED_REQUEST, assertThrows(SaslException.class,
                () -> server.clientFinal(utf8("c=biws,r=x,p=AAAA"))).condition());
        ScramServer started = new ScramServer(ScramAlgorithm.SHA_256, new SecureRandom());
        started.clientFirst(utf8("n,,n=user,r=abc"));
        assertEquals(SaslCondition.NOT_AUTHORIZED, assertThrows(SaslException.class,
                () -> started.clientFinal(utf8("c=biws,r=abcWRONG,p=AAAA"))).condition());
        assertEquals(SaslCondition.MALFORMED_REQUEST, assertThrows(SaslException.class,
                () -> started.clientFinal(utf8("c=eSws,r=abc,p=AAAA"))).condition());
    }
}
