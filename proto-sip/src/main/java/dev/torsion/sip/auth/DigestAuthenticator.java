package dev.torsion.sip.auth;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.CredentialsChecker;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest authentication of SIP requests (RFC 3261 section 22, RFC 7616, RFC 8760): challenges
 * offering SHA-256 then MD5 with {@code qop="auth"}, stateless nonces (a timestamp sealed with an
 * HMAC under a per-process key, so that any nonce this process made can be checked without a
 * table, and an old one earns {@code stale=true}), and the password check through cred's
 * {@link Portal}, which throttles failures per client address.
 */
public final class DigestAuthenticator {
    private final Portal portal;
    private final String realm;
    private final Clock clock;
    private final List<DigestAlgorithm> offered;
    private final Duration nonceLifetime;
    private final byte[] key = new byte[32];

    /** An authenticator for {@code realm} checking through {@code portal}, offering {@code offered} in order. */
    public DigestAuthenticator(Portal portal, String realm, Clock clock, List<DigestAlgorithm> offered,
                               Duration nonceLifetime) {
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("offer at least one digest algorithm");
        }
        this.portal = portal;
        this.realm = realm;
        this.clock = clock;
        this.offered = List.copyOf(offered);
        this.nonceLifetime = nonceLifetime;
        new SecureRandom().nextBytes(key);
    }

    /** A portal whose avatar is the user name, over {@code checkers} (which must accept plain-password proofs). */
    public static Portal portal(Clock clock, CredentialsChecker... checkers) {
        return new Portal((AvatarId id, Object mind, List<Class<?>> interfaces) ->
                Deferred.succeed(new LoginResult(String.class, id.name(), () -> { })), clock, checkers);
    }

    /** The realm. */
    public String realm() {
        return realm;
    }

    /** One challenge per offered algorithm, preferred first (RFC 8760 section 2.4). */
    public List<String> challenges(boolean stale) {
        String nonce = newNonce();
        List<String> values = new ArrayList<>();
        for (DigestAlgorithm algorithm : offered) {
            values.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return values;
    }

    /**
     * Checks the Digest answer in {@code header} (Authorization for a registrar, Proxy-Authorization
     * for a proxy) of {@code request}, from {@code client}.
     */
    public Deferred<AuthOutcome> authenticate(SipRequest request, String header, Address client) {
        DigestAuthorization answer = null;
        for (String value : request.headers().all(header)) {
            try {
                DigestAuthorization candidate = DigestAuthorization.parse(value);
                if (candidate.realm().equals(realm)) {
                    answer = candidate;
                    break;
                }
            } catch (SipParseException e) {
                return Deferred.succeed(new AuthOutcome(AuthOutcome.Verdict.MALFORMED, null, e.reason()));
            }
        }
        if (answer == null || !offered.contains(answer.algorithm())) {
            return Deferred.succeed(AuthOutcome.of(AuthOutcome.Verdict.CHALLENGE));
        }
        NonceCheck check = checkNonce(answer.nonce());
        if (check == NonceCheck.FORGED) {
            return Deferred.succeed(AuthOutcome.of(AuthOutcome.Verdict.CHALLENGE));
        }
        if (check == NonceCheck.EXPIRED) {
            return Deferred.succeed(AuthOutcome.of(AuthOutcome.Verdict.STALE));
        }
        String user = answer.username();
        Deferred<AuthOutcome> outcome = portal.login(new DigestCredentials(answer, request.method()), null, client,
                String.class).addCallback(result -> new AuthOutcome(AuthOutcome.Verdict.AUTHENTICATED, user, null));
        return outcome.addErrback(failure -> new AuthOutcome(AuthOutcome.Verdict.FORBIDDEN, null, "Forbidden"));
    }

    private enum NonceCheck { FRESH, EXPIRED, FORGED }

    private String newNonce() {
        String stamp = Long.toHexString(clock.nanoTime());
        return stamp + "." + seal(stamp);
    }

    private NonceCheck checkNonce(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || dot > 16) {
            return NonceCheck.FORGED;
        }
        String stamp = nonce.substring(0, dot);
        if (!ConstantTime.equals(seal(stamp).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return NonceCheck.FORGED;
        }
        long issued;
        try {
            issued = Long.parseUnsignedLong(stamp, 16);
        } catch (NumberFormatException e) {
            return NonceCheck.FORGED;
        }
        return clock.nanoTime() - issued > nonceLifetime.toNanos() ? NonceCheck.EXPIRED : NonceCheck.FRESH;
    }

    private String seal(String stamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((stamp + ":" + realm).getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
