package dev.torsion.sip.auth;

import static dev.torsion.sip.support.SipWorld.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.support.SipWorld;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** REGISTER with digest authentication (RFC 3261 section 22, RFC 8760 SHA-256, MD5) through cred. */
class DigestRegisterTest {
    private static final int BOB = 6002;
    private final SipWorld world;

    DigestRegisterTest() {
        world = new SipWorld(null);
        DigestAuthenticator auth = new DigestAuthenticator(
                DigestAuthenticator.portal(world.clock, new InMemoryUsernamePasswordDatabaseDontUse()
                        .addUser("bob", "s3cret").addUser("carol", "pw")),
                "example.org", world.clock, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), Duration.ofSeconds(300));
        world.server.proxy().setAuthenticator(auth);
    }

    private static String nonce(String challenge) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(m.find(), challenge);
        return m.group(1);
    }

    private static String authorization(DigestAlgorithm algorithm, String user, String password, String nonce) {
        DigestAuthorization a = new DigestAuthorization(user, "example.org", nonce, "sip:example.org", "", algorithm,
                "0a4f113b", "00000001", "auth");
        String response = DigestCredentials.expectedResponse(a, "REGISTER", password);
        return "Authorization: Digest username=\"" + user + "\", realm=\"example.org\", nonce=\"" + nonce
                + "\", uri=\"sip:example.org\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n";
    }

    private SipResponse challenge(int cseq) throws Exception {
        world.send(BOB, register("bob", BOB, "z9hG4bKc" + cseq, cseq, "Contact: <sip:bob@127.0.0.1:6002>\r\n"));
        SipResponse challenge = world.response(BOB);
        assertEquals(401, challenge.status());
        return challenge;
    }

    @Test
    void challengeOffersSha256ThenMd5() throws Exception {
        List<String> challenges = challenge(1).headers().all("WWW-Authenticate");
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).matches("Digest realm=\"example.org\", nonce=\"[^\"]+\", algorithm=SHA-256, qop=\"auth\""), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=MD5"));
    }

    @Test
    void sha256AnswerRegisters() throws Exception {
        String nonce = nonce(challenge(1).headers().first("WWW-Authenticate"));
        world.send(BOB, register("bob", BOB, "z9hG4bKa2", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + authorization(DigestAlgorithm.SHA_256, "bob", "s3cret", nonce)));
        SipResponse ok = world.response(BOB);
        assertEquals(200, ok.status());
        assertEquals(1, ok.contacts().size());
    }

    @Test
    void md5AnswerWithoutQopRegisters() throws Exception {
        String nonce = nonce(challenge(1).headers().all("WWW-Authenticate").get(1));
        DigestAuthorization a = new DigestAuthorization("bob", "example.org", nonce, "sip:example.org", "",
                DigestAlgorithm.MD5, null, null, null);
        String response = DigestCredentials.expectedResponse(a, "REGISTER", "s3cret");
        world.send(BOB, register("bob", BOB, "z9hG4bKa3", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + "Authorization: Digest username=\"bob\",realm=\"example.org\",nonce=\"" + nonce
                + "\",uri=\"sip:example.org\",response=\"" + response + "\"\r\n"));
        assertEquals(200, world.response(BOB).status());
    }

    @Test
    void wrongPasswordIs403AfterTheFailureDelay() throws Exception {
        String nonce = nonce(challenge(1).headers().first("WWW-Authenticate"));
        world.send(BOB, register("bob", BOB, "z9hG4bKa4", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + authorization(DigestAlgorithm.SHA_256, "bob", "wrong", nonce)));
        assertEquals(List.of(), world.to(BOB));
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(403, world.response(BOB).status());
    }

    @Test
    void anotherUsersAddressOfRecordIs403() throws Exception {
        String nonce = nonce(challenge(1).headers().first("WWW-Authenticate"));
        world.send(BOB, register("bob", BOB, "z9hG4bKa5", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + authorization(DigestAlgorithm.SHA_256, "carol", "pw", nonce)));
        SipResponse forbidden = world.response(BOB);
        assertEquals(403, forbidden.status());
    }

    @Test
    void oldNonceIsStaleAndForgedNonceIsChallenged() throws Exception {
        String nonce = nonce(challenge(1).headers().first("WWW-Authenticate"));
        world.clock.advance(Duration.ofSeconds(301));
        world.send(BOB, register("bob", BOB, "z9hG4bKa6", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + authorization(DigestAlgorithm.SHA_256, "bob", "s3cret", nonce)));
        SipResponse stale = world.response(BOB);
        assertEquals(401, stale.status());
        assertTrue(stale.headers().first("WWW-Authenticate").endsWith("stale=true"));
        String forged = nonce.substring(0, nonce.indexOf('.') + 1) + "0".repeat(32);
        world.send(BOB, register("bob", BOB, "z9hG4bKa7", 3, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + authorization(DigestAlgorithm.SHA_256, "bob", "s3cret", forged)));
        SipResponse again = world.response(BOB);
        assertEquals(401, again.status());
        assertTrue(!again.headers().first("WWW-Authenticate").contains("stale"));
    }

    @Test
    void malformedAuthorizationIs400AndAnotherSchemeIsChallenged() throws Exception {
        world.send(BOB, register("bob", BOB, "z9hG4bKm1", 1, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + "Authorization: Digest username=\"bob\", realm=\"example.org\"\r\n"));
        SipResponse malformed = world.response(BOB);
        assertEquals(400, malformed.status());
        assertEquals("Malformed Authorization", malformed.reason());
        world.send(BOB, register("bob", BOB, "z9hG4bKm2", 2, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + "Authorization: Digest username=\"bob\", realm=\"example.org\", nonce=\"n\", uri=\"sip:example.org\", "
                + "response=\"00\", algorithm=SHA-512-256\r\n"));
        assertEquals(400, world.response(BOB).status(), "an algorithm we do not know");
        world.send(BOB, register("bob", BOB, "z9hG4bKm3", 3, "Contact: <sip:bob@127.0.0.1:6002>\r\n"
                + "Authorization: Basic Ym9iOnMzY3JldA==\r\n"));
        assertEquals(400, world.response(BOB).status(), "Basic is refused (RFC 3261 section 22: Digest only)");
    }
}
