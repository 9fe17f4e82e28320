package dev.torsion.imap.mime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MIME trees of recently parsed messages, shared by every session of the process and keyed
 * by the very array of octets parsed. A store that hands out the same array for the same message
 * (the mail module's message cache does) gets each message parsed once, not once per FETCH or
 * SEARCH and session: a FETCH of every header and a SEARCH over the same mailbox parsed each
 * message again. Arrays are never changed once stored, so a tree never goes stale; bounded in
 * entries and in the octets they hold.
 */
public final class ParsedMessages {
    private static final int MAX_ENTRIES = 16_384;
    private static final long MAX_OCTETS = 64L * 1024 * 1024;
    private static final ParsedMessages SHARED = new ParsedMessages(MAX_ENTRIES, MAX_OCTETS);

    /** An array compared by identity: equal contents in another array are another message's. */
    private record Identity(byte[] octets) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.octets == octets;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(octets);
        }
    }

    private final int maxEntries;
    private final long maxOctets;
    private final LinkedHashMap<Identity, MimePart> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long octets;

    ParsedMessages(int maxEntries, long maxOctets) {
        this.maxEntries = maxEntries;
        this.maxOctets = maxOctets;
    }

    /** {@code message} parsed, from the process-wide cache when this array was parsed before. */
    public static MimePart parse(byte[] message) {
        return SHARED.get(message);
    }

    MimePart get(byte[] message) {
        Identity key = new Identity(message);
        synchronized (this) {
            MimePart known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        // Parsed outside the lock: two sessions may parse the same message at once, which is harmless.
        MimePart parsed = MimePart.parse(message);
        if (message.length <= maxOctets / 16) {
            keep(key, parsed);
        }
        return parsed;
    }

    private synchronized void keep(Identity key, MimePart parsed) {
        if (entries.put(key, parsed) == null) {
            octets += key.octets().length;
        }
        var eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || octets > maxOctets) && eldest.hasNext()) {
            Map.Entry<Identity, MimePart> dropped = eldest.next();
            octets -= dropped.getKey().octets().length;
            eldest.remove();
        }
    }

    /** Entries kept (for tests). */
    synchronized int size() {
        return entries.size();
    }
}
