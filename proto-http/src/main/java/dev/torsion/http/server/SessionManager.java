package dev.torsion.http.server;

import dev.torsion.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Sessions by cookie, as twisted.web's {@code Site.makeSession}: the cookie
 * {@code TORSION_SESSION} (or {@code TORSION_SECURE_SESSION} over TLS, so that a session made
 * over https never travels in the clear) carries 128 random bits; it is HttpOnly, SameSite=Lax,
 * and Secure over TLS. A session expires after {@link #timeout()} without requests.
 */
public final class SessionManager {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Session> sessions = new HashMap<>();

    /** Sessions timed on {@code clock}, expiring after {@code timeout} unused (Twisted: 15 minutes). */
    public SessionManager(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** How long an unused session lives. */
    public Duration timeout() {
        return timeout;
    }

    /** The session of {@code request}'s cookie, or a new one (whose cookie is added to the response). */
    public Session getSession(Request request) {
        String cookieName = cookieName(request.isSecure());
        String uid = request.getCookie(cookieName);
        Session session = uid == null ? null : sessions.get(uid);
        if (session != null) {
            session.touch();
            return session;
        }
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        String newUid = HexFormat.of().formatHex(bits);
        session = new Session(newUid, this, clock, timeout);
        sessions.put(newUid, session);
        if (!request.isStarted()) {
            request.addCookie(Cookie.of(cookieName, newUid).withPath("/").withFlags(request.isSecure(), true).withSameSite("Lax"));
        }
        return session;
    }

    /** The live session with {@code uid}, or null. */
    public Session find(String uid) {
        return sessions.get(uid);
    }

    /** The number of live sessions. */
    public int size() {
        return sessions.size();
    }

    void forget(Session session) {
        sessions.remove(session.uid());
    }

    private static String cookieName(boolean secure) {
        return secure ? "TORSION_SECURE_SESSION" : "TORSION_SESSION";
    }
}
