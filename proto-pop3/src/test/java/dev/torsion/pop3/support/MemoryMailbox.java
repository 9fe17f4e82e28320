package dev.torsion.pop3.support;

import dev.torsion.defer.Deferred;
import dev.torsion.pop3.server.Pop3Mailbox;
import dev.torsion.pop3.server.Pop3Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A maildrop in memory; records what was deleted; can hold its answers back to test pipelining. */
public final class MemoryMailbox implements Pop3Mailbox {
    public final Map<Long, byte[]> messages = new LinkedHashMap<>();
    public final List<Long> deletedIds = new ArrayList<>();
    public boolean loggedOut;
    /** When set, retrieve() answers with this Deferred. */
    public Deferred<byte[]> nextRetrieve;
    /** When set, delete() records the messages asked for and answers with this Deferred. */
    public Deferred<Void> nextDelete;

    public MemoryMailbox add(String text) {
        messages.put((long) messages.size() + 1, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public Deferred<List<Pop3Message>> list() {
        List<Pop3Message> out = new ArrayList<>();
        for (Map.Entry<Long, byte[]> entry : messages.entrySet()) {
            out.add(new Pop3Message(entry.getKey(), entry.getValue().length, "uid-" + entry.getKey()));
        }
        return Deferred.succeed(out);
    }

    @Override
    public Deferred<byte[]> retrieve(Pop3Message message) {
        if (nextRetrieve != null) {
            Deferred<byte[]> d = nextRetrieve;
            nextRetrieve = null;
            return d;
        }
        return Deferred.succeed(messages.get(message.id()));
    }

    @Override
    public Deferred<Void> delete(List<Pop3Message> doomed) {
        for (Pop3Message m : doomed) {
            deletedIds.add(m.id());
            messages.remove(m.id());
        }
        if (nextDelete != null) {
            Deferred<Void> d = nextDelete;
            nextDelete = null;
            return d;
        }
        return Deferred.succeed(null);
    }
}
