package dev.torsion.http.guard;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.http.server.Request;

/**
 * One HTTP authentication scheme, as twisted.web's {@code ICredentialFactory}: the challenge it
 * sends with a 401 and how it turns the client's {@code Authorization} answer into credentials.
 */
public interface CredentialFactory {
    /** The scheme name as it appears in the headers ({@code Basic}), compared without case. */
    String scheme();

    /** The value of the {@code WWW-Authenticate} header that asks for this scheme. */
    String challenge(Request request);

    /**
     * The credentials in {@code response}, the part of the {@code Authorization} header after the
     * scheme. Throws {@link LoginFailed} (answered with a 401) when it is malformed; the message
     * must not hold any part of the secret.
     */
    Credentials decode(String response, Request request) throws LoginFailed;
}
