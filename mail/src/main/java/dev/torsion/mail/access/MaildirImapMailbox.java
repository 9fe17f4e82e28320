package dev.torsion.mail.access;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapMailbox;
import dev.torsion.imap.server.MailboxSnapshot;
import dev.torsion.imap.server.MessageInfo;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.store.MailFolder;
import dev.torsion.mail.store.StoredMessage;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link MailFolder} as an IMAP mailbox: the same Maildir that SMTP delivers into and POP3
 * reads, flags in the file names as Dovecot keeps them, UIDs and UIDVALIDITY from the folder's
 * UID list. All file I/O runs on the reactor's thread pool.
 */
public final class MaildirImapMailbox implements ImapMailbox {
    private final Reactor reactor;
    private final MailFolder folder;

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
        return reactor.deferToThread(() -> {
            List<StoredMessage> stored = folder.sync();
            List<MessageInfo> messages = new ArrayList<>(stored.size());
            for (StoredMessage m : stored) {
                messages.add(new MessageInfo(m.uid(), m.size(), ImapFlags.toImap(m.flags()), m.received(), m.recent()));
            }
            return new MailboxSnapshot(folder.uidValidity(), folder.uidNext(), messages);
        });
    }

    @Override
    public Deferred<byte[]> read(long uid) {
        return reactor.deferToThread(() -> folder.read(uid));
    }

    @Override
    public Deferred<Void> store(Map<Long, Set<String>> flags) {
        return reactor.deferToThread(() -> {
            for (Map.Entry<Long, Set<String>> entry : flags.entrySet()) {
                try {
                    folder.setFlags(entry.getKey(), ImapFlags.fromImap(entry.getValue()));
                } catch (NoSuchFileException e) {
                    // Expunged by another session meanwhile: nothing to store.
                }
            }
            return null;
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
