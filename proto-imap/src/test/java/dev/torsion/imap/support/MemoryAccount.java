package dev.torsion.imap.support;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapAccount;
import dev.torsion.imap.server.ImapMailbox;
import dev.torsion.imap.server.MailboxException;
import dev.torsion.imap.server.MailboxInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An account in memory: INBOX, Sent (\Sent) and Trash (\Trash) to start with. */
public final class MemoryAccount implements ImapAccount {
    public final Map<String, MemoryMailbox> mailboxes = new LinkedHashMap<>();
    public final Set<String> subscribed = new TreeSet<>();

    public MemoryAccount() {
        mailboxes.put("INBOX", new MemoryMailbox());
        mailboxes.put("Sent", new MemoryMailbox());
        mailboxes.put("Trash", new MemoryMailbox());
    }

    public MemoryMailbox inbox() {
        return mailboxes.get("INBOX");
    }

    @Override
    public char delimiter() {
        return '.';
    }

    @Override
    public Deferred<List<MailboxInfo>> mailboxes() {
        List<MailboxInfo> out = new ArrayList<>();
        for (String name : mailboxes.keySet()) {
            out.add(new MailboxInfo(name, name.equals("Sent") ? Set.of("\\Sent") : name.equals("Trash") ? Set.of("\\Trash") : Set.of()));
        }
        return Deferred.succeed(out);
    }

    @Override
    public Deferred<Void> create(String name) {
        if (mailboxes.containsKey(name)) {
            return Deferred.fail(new MailboxException("ALREADYEXISTS", "Mailbox exists"));
        }
        mailboxes.put(name, new MemoryMailbox());
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> delete(String name) {
        if (mailboxes.remove(name) == null) {
            return Deferred.fail(new MailboxException("NONEXISTENT", "No such mailbox"));
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> rename(String from, String to) {
        if (!mailboxes.containsKey(from)) {
            return Deferred.fail(new MailboxException("NONEXISTENT", "No such mailbox"));
        }
        if (mailboxes.containsKey(to)) {
            return Deferred.fail(new MailboxException("ALREADYEXISTS", "Mailbox exists"));
        }
        mailboxes.put(to, mailboxes.remove(from));
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Set<String>> subscriptions() {
        return Deferred.succeed(Set.copyOf(subscribed));
    }

    @Override
    public Deferred<Void> subscribe(String name, boolean on) {
        if (on) {
            subscribed.add(name);
        } else {
            subscribed.remove(name);
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<ImapMailbox> open(String name) {
        MemoryMailbox mailbox = mailboxes.get(name);
        return mailbox == null ? Deferred.fail(new MailboxException("NONEXISTENT", "No such mailbox")) : Deferred.succeed(mailbox);
    }
}
