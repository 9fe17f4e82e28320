package dev.torsion.http.server;

import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server-side session found by its cookie, as twisted.web's {@code Session}: attributes kept
 * between requests of one client, expiring after a time without use.
 */
public final class Session {
    private final String uid;
    private final SessionManager manager;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Object> attributes = new HashMap<>();
    private final List<Runnable> expireCallbacks = new ArrayList<>(0);
    private long lastUsed;
    private DelayedCall timer;
    private boolean expired;

    Session(String uid, SessionManager manager, Clock clock, Duration timeout) {
        this.uid = uid;
        this.manager = manager;
        this.clock = clock;
        this.timeout = timeout;
        touch();
    }

    /** The session's identifier (the cookie's value): 128 random bits in hex. */
    public String uid() {
        return uid;
    }

    /** The value kept under {@code name}, or null. */
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    /** Keeps {@code value} under {@code name}. */
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    /** Calls {@code action} when the session expires. */
    public void notifyOnExpire(Runnable action) {
        expireCallbacks.add(action);
    }

    /** Whether the session has expired. */
    public boolean isExpired() {
        return expired;
    }

    /** Marks the session used now, which postpones its expiry. */
    public void touch() {
        lastUsed = clock.nanoTime();
        if (timer == null || !timer.active()) {
            timer = clock.callLater(timeout, this::checkExpiry);
        }
    }

    private void checkExpiry() {
        long idle = clock.nanoTime() - lastUsed;
        if (idle < timeout.toNanos()) {
            timer = clock.callLater(Duration.ofNanos(timeout.toNanos() - idle), this::checkExpiry);
            return;
        }
        expire();
    }

    /** Ends the session now. */
    public void expire() {
        if (expired) {
            return;
        }
        expired = true;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        manager.forget(this);
        for (Runnable callback : expireCallbacks) {
            callback.run();
        }
    }
}
