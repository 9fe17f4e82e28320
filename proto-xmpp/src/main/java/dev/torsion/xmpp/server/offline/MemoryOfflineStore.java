package dev.torsion.xmpp.server.offline;

import dev.torsion.defer.Deferred;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Offline messages in memory (lost at exit), answered at once; used on the reactor thread only. */
public final class MemoryOfflineStore implements OfflineStore {
    private final int limit;
    private final Map<String, List<XmlElement>> messages = new HashMap<>();

    /** A store keeping at most {@code limit} messages per account. */
    public MemoryOfflineStore(int limit) {
        this.limit = limit;
    }

    @Override
    public Deferred<Boolean> store(String user, XmlElement message) {
        List<XmlElement> queue = messages.computeIfAbsent(user, u -> new ArrayList<>());
        if (queue.size() >= limit) {
            return Deferred.succeed(false);
        }
        queue.add(message);
        return Deferred.succeed(true);
    }

    @Override
    public Deferred<List<XmlElement>> take(String user) {
        List<XmlElement> queue = messages.remove(user);
        return Deferred.succeed(queue == null ? List.of() : queue);
    }

    /** The messages kept for {@code user}. */
    public int count(String user) {
        List<XmlElement> queue = messages.get(user);
        return queue == null ? 0 : queue.size();
    }
}
