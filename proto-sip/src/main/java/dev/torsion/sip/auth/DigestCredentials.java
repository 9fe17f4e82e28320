package dev.torsion.sip.auth;

import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A digest answer (RFC 3261 section 22.4, RFC 7616 section 3.4.1, RFC 8760): a checker that holds
 * plain passwords checks it through cred's {@link UsernameHashedPassword}, comparing in constant
 * time.
 */
public final class DigestCredentials implements UsernameHashedPassword {
    private final DigestAuthorization answer;
    private final String method;

    /** The answer {@code answer} given to a request of {@code method}. */
    public DigestCredentials(DigestAuthorization answer, String method) {
        this.answer = answer;
        this.method = method;
    }

    @Override
    public String username() {
        return answer.username();
    }

    @Override
    public boolean checkPassword(byte[] password) {
        String expected = expectedResponse(answer, method, new String(password, StandardCharsets.UTF_8));
        return ConstantTime.equals(expected.getBytes(StandardCharsets.US_ASCII),
                answer.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * RFC 7616 section 3.4.1: {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))} with qop, or
     * {@code KD(H(A1), nonce:H(A2))} without (RFC 2069 compatibility, RFC 3261 section 22.4).
     */
    static String expectedResponse(DigestAuthorization a, String method, String password) {
        DigestAlgorithm algorithm = a.algorithm();
        String ha1 = algorithm.hash(a.username() + ":" + a.realm() + ":" + password);
        String ha2 = algorithm.hash(method + ":" + a.uri());
        if (a.qop() == null) {
            return algorithm.hash(ha1 + ":" + a.nonce() + ":" + ha2);
        }
        return algorithm.hash(ha1 + ":" + a.nonce() + ":" + a.nc() + ":" + a.cnonce() + ":" + a.qop() + ":" + ha2);
    }

    @Override
    public String toString() {
        return "DigestCredentials(" + LogSafe.text(answer.username()) + ")";
    }
}
