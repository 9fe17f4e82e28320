package dev.torsion.smtp.server;

import dev.torsion.internet.Address;

/**
 * What the server knows of the client when it asks a {@link MessageDelivery} something.
 *
 * @param helo the HELO/EHLO argument as sent
 * @param esmtp whether the client said EHLO
 * @param peer the client's address
 * @param tls whether the session runs over TLS (STARTTLS or implicit)
 * @param user the authenticated user (RFC 4954), or null
 */
public record SessionInfo(String helo, boolean esmtp, Address peer, boolean tls, String user) {
    /** Whether the client logged in with AUTH. */
    public boolean isAuthenticated() {
        return user != null;
    }
}
