package dev.torsion.smtp.server;

import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.smtp.codec.SaslResponses;
import dev.torsion.smtp.codec.SmtpSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One AUTH exchange (RFC 4954 §4) for PLAIN (RFC 4616) or LOGIN (draft-murchison-sasl-login): it
 * takes the client's responses and gives either the next challenge or the credentials.
 */
final class SaslExchange {
    /** The mechanisms offered in EHLO. */
    static final String MECHANISMS = "PLAIN LOGIN";

    private static final String USERNAME_CHALLENGE = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD_CHALLENGE = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    /** What the exchange asks next: a challenge to send, or the credentials to check. */
    record Step(String challenge, UsernamePassword credentials) {
    }

    private final String mechanism;
    private String username;

    private SaslExchange(String mechanism) {
        this.mechanism = mechanism;
    }

    /** An exchange for {@code name}, or null when the mechanism is not offered (504). */
    static SaslExchange start(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("PLAIN") || upper.equals("LOGIN") ? new SaslExchange(upper) : null;
    }

    /** The first step: with an initial response (RFC 4954 §4) or without. */
    Step begin(String initialResponse) throws SmtpSyntaxException {
        if (initialResponse != null) {
            return respond(initialResponse);
        }
        return new Step(mechanism.equals("PLAIN") ? "" : USERNAME_CHALLENGE, null);
    }

    /** The client's next base64 response. */
    Step respond(String response) throws SmtpSyntaxException {
        byte[] decoded = SaslResponses.decodeBase64(response);
        if (mechanism.equals("PLAIN")) {
            SaslResponses.Plain plain = SaslResponses.plain(decoded);
            if (!plain.authorizationId().isEmpty() && !plain.authorizationId().equals(plain.username())) {
                // RFC 4616 §2: acting as another identity is not something this server grants.
                throw new SmtpSyntaxException(535, "5.7.8", "Authentication credentials invalid");
            }
            return new Step(null, new UsernamePassword(plain.username(), plain.password()));
        }
        if (username == null) {
            username = SaslResponses.username(decoded);
            return new Step(PASSWORD_CHALLENGE, null);
        }
        return new Step(null, new UsernamePassword(username, decoded));
    }
}
