package dev.torsion.mail.access;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.mail.store.MailFolder;
import dev.torsion.mail.store.StoredMessage;
import dev.torsion.pop3.server.Pop3Mailbox;
import dev.torsion.pop3.server.Pop3Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link MailFolder} as a POP3 maildrop: the folder is synced at login, its UIDs with its
 * UIDVALIDITY make the UIDLs (Dovecot's {@code %08Xu%08Xv}), and all file I/O runs on the
 * reactor's thread pool.
 */
public final class MaildirPop3Mailbox implements Pop3Mailbox {
    private final Reactor reactor;
    private final MailFolder folder;

    /** The maildrop of {@code folder}, read through {@code reactor}'s thread pool. */
    public MaildirPop3Mailbox(Reactor reactor, MailFolder folder) {
        this.reactor = reactor;
        this.folder = folder;
    }

    @Override
    public Deferred<List<Pop3Message>> list() {
        return reactor.deferToThread(() -> {
            long validity = folder.uidValidity();
            List<Pop3Message> out = new ArrayList<>();
            for (StoredMessage message : folder.sync()) {
                out.add(new Pop3Message(message.uid(), message.size(),
                        String.format(Locale.ROOT, "%08X%08X", message.uid(), validity)));
            }
            return out;
        });
    }

    @Override
    public Deferred<byte[]> retrieve(Pop3Message message) {
        return reactor.deferToThread(() -> folder.read(message.id()));
    }

    @Override
    public Deferred<Void> delete(List<Pop3Message> messages) {
        List<Long> uids = messages.stream().map(Pop3Message::id).toList();
        return reactor.deferToThread(() -> {
            folder.delete(uids);
            return null;
        });
    }
}
