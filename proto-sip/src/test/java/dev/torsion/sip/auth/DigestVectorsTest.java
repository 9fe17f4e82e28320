package dev.torsion.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 7616 section 3.9.1, for SHA-256 (RFC 8760's algorithm) and MD5. */
class DigestVectorsTest {
    private static final String HEADER = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
            + "uri=\"/dir/index.html\", algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + "nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, response=\"%s\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    @Test
    void sha256Example() throws Exception {
        String response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
        DigestAuthorization answer = DigestAuthorization.parse(String.format(HEADER, "SHA-256", response));
        assertEquals(DigestAlgorithm.SHA_256, answer.algorithm());
        assertEquals(response, DigestCredentials.expectedResponse(answer, "GET", "Circle of Life"));
        assertTrue(new DigestCredentials(answer, "GET").checkPassword("Circle of Life".getBytes(StandardCharsets.UTF_8)));
        assertFalse(new DigestCredentials(answer, "GET").checkPassword("circle of life".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void md5Example() throws Exception {
        String response = "8ca523f5e9506fed4657c9700eebdbec";
        DigestAuthorization answer = DigestAuthorization.parse(String.format(HEADER, "MD5", response));
        assertEquals(response, DigestCredentials.expectedResponse(answer, "GET", "Circle of Life"));
        assertFalse(new DigestCredentials(answer, "POST").checkPassword("Circle of Life".getBytes(StandardCharsets.UTF_8)));
    }
}
