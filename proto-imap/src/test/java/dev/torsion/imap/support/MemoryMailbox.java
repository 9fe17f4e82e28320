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
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A mailbox in memory, shared by sessions; a message is \Recent for the first sync that sees it.
 * MODSEQs start at 1 and grow with every change; {@link #withoutModSeqs()} makes it a mailbox that
 * keeps none (NOMODSEQ). Expunges are remembered as the Maildir store remembers them.
 */
public final class MemoryMailbox implements ImapMailbox {
    private final Map<Long, byte[]> contents = new LinkedHashMap<>();
    private final Map<Long, Set<String>> flags = new LinkedHashMap<>();
    private final Map<Long, Instant> dates = new LinkedHashMap<>();
    private final Map<Long, Long> modSeqs = new LinkedHashMap<>();
    private final Map<Long, Long> expunged = new TreeMap<>();
    private final Set<Long> unseenBySync = new HashSet<>();
    private long nextUid = 1;
    private long highestModSeq = 1;
    private boolean keepsModSeqs = true;
    /** Expunges with a MODSEQ up to this one are forgotten (to test the fallback). */
    public long forgottenModSeq;
    public long uidValidity = 1234;

    public MemoryMailbox withoutModSeqs() {
        keepsModSeqs = false;
        return this;
    }

    public long highestModSeq() {
        return keepsModSeqs ? highestModSeq : 0;
    }

    public long modSeqOf(long uid) {
        return keepsModSeqs ? modSeqs.get(uid) : 0;
    }

    /** Changes flags as another program would, with a new MODSEQ. */
    public void setFlags(long uid, String... messageFlags) {
        flags.put(uid, new HashSet<>(List.of(messageFlags)));
        modSeqs.put(uid, ++highestModSeq);
    }

    public MemoryMailbox add(String message, String... messageFlags) {
        long uid = nextUid++;
        contents.put(uid, message.getBytes(StandardCharsets.UTF_8));
        flags.put(uid, new HashSet<>(List.of(messageFlags)));
        dates.put(uid, Instant.parse("2026-01-02T03:04:05Z"));
        modSeqs.put(uid, ++highestModSeq);
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
            messages.add(new MessageInfo(uid, contents.get(uid).length, flags.get(uid), dates.get(uid), unseenBySync.remove(uid),
                    modSeqOf(uid)));
        }
        return Deferred.succeed(new MailboxSnapshot(uidValidity, nextUid, highestModSeq(), messages));
    }

    /** While true, {@link #syncUnlessBusy} answers null, as a store whose lock another session holds. */
    public boolean busy;

    @Override
    public Deferred<MailboxSnapshot> syncUnlessBusy() {
        return busy ? Deferred.succeed(null) : sync();
    }

    @Override
    public Deferred<byte[]> read(long uid) {
        byte[] octets = contents.get(uid);
        return octets == null ? Deferred.fail(new NoSuchElementException("no message " + uid)) : Deferred.succeed(octets);
    }

    @Override
    public Deferred<StoreResult> store(Collection<Long> uids, UnaryOperator<Set<String>> change, long unchangedSince) {
        List<Stored> stored = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        for (long uid : uids) {
            if (!flags.containsKey(uid)) {
                continue;
            }
            if (keepsModSeqs && modSeqs.get(uid) > unchangedSince) {
                refused.add(uid);
                continue;
            }
            Set<String> now = new HashSet<>(change.apply(flags.get(uid)));
            if (!now.equals(flags.get(uid))) {
                flags.put(uid, now);
                modSeqs.put(uid, ++highestModSeq);
            }
            stored.add(new Stored(uid, now, modSeqOf(uid)));
        }
        return Deferred.succeed(new StoreResult(stored, refused));
    }

    @Override
    public Deferred<Void> expunge(Collection<Long> uids) {
        long modSeq = ++highestModSeq;
        for (long uid : uids) {
            if (contents.remove(uid) != null) {
                expunged.put(uid, modSeq);
            }
            flags.remove(uid);
            dates.remove(uid);
            modSeqs.remove(uid);
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Expunged> expungedSince(long modSeq) {
        if (!keepsModSeqs) {
            return ImapMailbox.super.expungedSince(modSeq);
        }
        List<Long> out = new ArrayList<>();
        expunged.forEach((uid, at) -> {
            if (at > modSeq && at > forgottenModSeq) {
                out.add(uid);
            }
        });
        return Deferred.succeed(new Expunged(out, modSeq >= forgottenModSeq));
    }

    @Override
    public Deferred<Appended> append(byte[] message, Set<String> messageFlags, Instant internalDate) {
        long uid = nextUid++;
        contents.put(uid, message);
        flags.put(uid, new HashSet<>(messageFlags));
        dates.put(uid, internalDate);
        modSeqs.put(uid, ++highestModSeq);
        unseenBySync.add(uid);
        return Deferred.succeed(new Appended(uidValidity, uid));
    }
}
