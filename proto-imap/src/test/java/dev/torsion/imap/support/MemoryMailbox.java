package dev.torsion.imap.support;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapMailbox;
import dev.torsion.imap.server.MailboxSnapshot;
import dev.torsion.imap.server.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** A mailbox in memory, shared by sessions; a message is \Recent for the first sync that sees it. */
public final class MemoryMailbox implements ImapMailbox {
    private final Map<Long, byte[]> contents = new LinkedHashMap<>();
    private final Map<Long, Set<String>> flags = new LinkedHashMap<>();
    private final Map<Long, Instant> dates = new LinkedHashMap<>();
    private final Set<Long> unseenBySync = new HashSet<>();
    private long nextUid = 1;
    public long uidValidity = 1234;

    public MemoryMailbox add(String message, String... messageFlags) {
        long uid = nextUid++;
        contents.put(uid, message.getBytes(StandardCharsets.UTF_8));
        flags.put(uid, new HashSet<>(List.of(messageFlags)));
        dates.put(uid, Instant.parse("2026-01-02T03:04:05Z"));
        unseenBySync.add(uid);
        return this;
    }

    public Set<String> flagsOf(long uid) {
        return flags.get(uid);
    }

    public Set<Long> uids() {
        return contents.keySet();
    }

    @Override
    public Set<String> permanentFlags() {
        return Set.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*");
    }

    @Override
    public Deferred<MailboxSnapshot> sync() {
        List<MessageInfo> messages = new ArrayList<>();
        for (long uid : contents.keySet()) {
            messages.add(new MessageInfo(uid, contents.get(uid).length, flags.get(uid), dates.get(uid), unseenBySync.remove(uid)));
        }
        return Deferred.succeed(new MailboxSnapshot(uidValidity, nextUid, messages));
    }

    @Override
    public Deferred<byte[]> read(long uid) {
        byte[] octets = contents.get(uid);
        return octets == null ? Deferred.fail(new NoSuchElementException("no message " + uid)) : Deferred.succeed(octets);
    }

    @Override
    public Deferred<Void> store(Map<Long, Set<String>> newFlags) {
        newFlags.forEach((uid, f) -> {
            if (flags.containsKey(uid)) {
                flags.put(uid, new HashSet<>(f));
            }
        });
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> expunge(Collection<Long> uids) {
        for (long uid : uids) {
            contents.remove(uid);
            flags.remove(uid);
            dates.remove(uid);
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Appended> append(byte[] message, Set<String> messageFlags, Instant internalDate) {
        long uid = nextUid++;
        contents.put(uid, message);
        flags.put(uid, new HashSet<>(messageFlags));
        dates.put(uid, internalDate);
        unseenBySync.add(uid);
        return Deferred.succeed(new Appended(uidValidity, uid));
    }
}
