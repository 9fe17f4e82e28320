package dev.torsion.mail.access;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapMailbox;
import dev.torsion.imap.server.MailboxSnapshot;
import dev.torsion.imap.server.MessageInfo;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.maildir.MaildirFolder;
import dev.torsion.mail.store.ExpungedSince;
import dev.torsion.mail.store.FlagChanges;
import dev.torsion.mail.store.FolderSnapshot;
import dev.torsion.mail.store.MailFolder;
import dev.torsion.mail.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link MailFolder} as an IMAP mailbox: the same Maildir that SMTP delivers into and POP3
 * reads, flags in the file names as Dovecot keeps them, UIDs, UIDVALIDITY and MODSEQs (RFC 7162)
 * from the folder's UID list. All file I/O runs on the reactor's thread pool.
 */
public final class MaildirImapMailbox implements ImapMailbox {
    private final Reactor reactor;
    private final MailFolder folder;
    /** The last folder snapshot and the mailbox snapshot made of it. */
    private volatile Converted converted;

    private record Converted(FolderSnapshot from, MailboxSnapshot to) {
    }

    /** The mailbox of {@code folder}, worked on through {@code reactor}'s thread pool. */
    public MaildirImapMailbox(Reactor reactor, MailFolder folder) {
        this.reactor = reactor;
        this.folder = folder;
    }

    @Override
    public Set<String> permanentFlags() {
        return ImapFlags.PERMANENT;
    }

    @Override
    public Deferred<MailboxSnapshot> sync() {
        return reactor.deferToThread(() -> convert(folder.snapshot()));
    }

    /** A Maildir folder answers null while another session of this process holds its lock (see MaildirFolder). */
    @Override
    public Deferred<MailboxSnapshot> syncUnlessBusy() {
        if (!(folder instanceof MaildirFolder maildir)) {
            return sync();
        }
        return reactor.deferToThread(() -> {
            FolderSnapshot snapshot = maildir.snapshotUnlessBusy();
            return snapshot == null ? null : convert(snapshot);
        });
    }

    private MailboxSnapshot convert(FolderSnapshot snapshot) {
        Converted before = converted;
        if (before != null && before.from() == snapshot) {
            // The folder answered the same snapshot as before (nothing changed): so is the mailbox.
            return before.to();
        }
        List<MessageInfo> messages = new ArrayList<>(snapshot.messages().size());
        for (StoredMessage m : snapshot.messages()) {
            messages.add(new MessageInfo(m.uid(), m.size(), ImapFlags.toImap(m.flags()), m.received(), m.recent(), m.modSeq()));
        }
        MailboxSnapshot result = new MailboxSnapshot(snapshot.uidValidity(), snapshot.uidNext(), snapshot.highestModSeq(), messages);
        converted = new Converted(snapshot, result);
        return result;
    }

    @Override
    public Deferred<byte[]> read(long uid) {
        return reactor.deferToThread(() -> folder.read(uid));
    }

    @Override
    public byte[] readCached(long uid) {
        return folder.cached(uid);
    }

    @Override
    public Deferred<StoreResult> store(Collection<Long> uids, UnaryOperator<Set<String>> change, long unchangedSince) {
        List<Long> copy = List.copyOf(uids);
        return reactor.deferToThread(() -> {
            FlagChanges changes = folder.changeFlags(copy, flags -> ImapFlags.fromImap(change.apply(ImapFlags.toImap(flags))), unchangedSince);
            List<Stored> stored = new ArrayList<>(changes.states().size());
            for (FlagChanges.State state : changes.states()) {
                stored.add(new Stored(state.uid(), ImapFlags.toImap(state.flags()), state.modSeq()));
            }
            return new StoreResult(stored, changes.refused());
        });
    }

    @Override
    public Deferred<Expunged> expungedSince(long modSeq) {
        return reactor.deferToThread(() -> {
            ExpungedSince expunged = folder.expungedSince(modSeq);
            return new Expunged(expunged.uids(), expunged.complete());
        });
    }

    @Override
    public Deferred<Void> expunge(Collection<Long> uids) {
        List<Long> copy = List.copyOf(uids);
        return reactor.deferToThread(() -> {
            folder.delete(copy);
            return null;
        });
    }

    @Override
    public Deferred<Appended> append(byte[] message, Set<String> flags, Instant internalDate) {
        return reactor.deferToThread(() -> {
            long uid = folder.append(message, ImapFlags.fromImap(flags), internalDate);
            return new Appended(folder.uidValidity(), uid);
        });
    }
}
