package dev.torsion.mail.maildir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The octets of recently read messages, shared by every session of the process and bounded in
 * total size. A Maildir message never changes once delivered (flag changes rename the file; the
 * unique base name stays), so a message is keyed by its folder and base name and never goes stale:
 * FETCH of headers and SEARCH over a mailbox read the disk once, not once per command and session
 * (Dovecot keeps such data in its index cache files for the same reason).
 */
final class MessageCache {
    /** Messages larger than this are never kept: they would push out many small ones. */
    static final int MAX_MESSAGE = 256 * 1024;
    private static final long MAX_TOTAL = 64L * 1024 * 1024;
    private static final MessageCache SHARED = new MessageCache(MAX_TOTAL);

    private record Key(Path folder, String baseName) {
    }

    private final long maxTotal;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long total;

    MessageCache(long maxTotal) {
        this.maxTotal = maxTotal;
    }

    /** The process-wide cache. */
    static MessageCache shared() {
        return SHARED;
    }

    /** The message {@code baseName} of {@code folder}, or null when it is not kept. */
    synchronized byte[] get(Path folder, String baseName) {
        return entries.get(new Key(folder, baseName));
    }

    /** Keeps {@code message} (unless it is too large), dropping the least recently read beyond the bound. */
    synchronized void put(Path folder, String baseName, byte[] message) {
        if (message.length > MAX_MESSAGE) {
            return;
        }
        byte[] before = entries.put(new Key(folder, baseName), message);
        total += message.length - (before == null ? 0 : before.length);
        var eldest = entries.entrySet().iterator();
        while (total > maxTotal && eldest.hasNext()) {
            Map.Entry<Key, byte[]> dropped = eldest.next();
            total -= dropped.getValue().length;
            eldest.remove();
        }
    }

    /** Forgets a message (it was deleted). */
    synchronized void remove(Path folder, String baseName) {
        byte[] before = entries.remove(new Key(folder, baseName));
        if (before != null) {
            total -= before.length;
        }
    }

    /** Octets kept. */
    synchronized long total() {
        return total;
    }
}
