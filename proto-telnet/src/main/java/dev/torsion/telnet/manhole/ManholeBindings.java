package dev.torsion.telnet.manhole;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a session's snippets find its objects. JShell compiles snippets as source, so objects
 * cannot be passed in directly: each session registers its namespace under a key and its first
 * snippets read the variables back with {@link #lookup}. Public because snippets call it.
 */
public final class ManholeBindings {
    private static final Map<String, Map<String, Object>> SESSIONS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private ManholeBindings() {
    }

    /** Registers {@code objects}; returns the session's key. */
    static String register(Map<String, Object> objects) {
        String key = "manhole-" + NEXT.incrementAndGet();
        SESSIONS.put(key, Map.copyOf(objects));
        return key;
    }

    /** Forgets a session's objects. */
    static void unregister(String key) {
        SESSIONS.remove(key);
    }

    /** The object named {@code name} of session {@code key}. */
    public static Object lookup(String key, String name) {
        Map<String, Object> objects = SESSIONS.get(key);
        if (objects == null || !objects.containsKey(name)) {
            throw new IllegalStateException("no manhole binding " + name);
        }
        return objects.get(name);
    }
}
