package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import java.util.List;
import java.util.Set;

/**
 * A user's mail as the IMAP server uses it: the avatar a cred {@code Realm} gives for
 * {@code ImapAccount.class}. Names are Unicode (the server does modified UTF-7 on the wire),
 * hierarchy levels separated by {@link #delimiter()}, {@code INBOX} always present. Every call
 * answers with a Deferred, so an implementation works on files or a database off the reactor
 * thread; refusals fail with {@link MailboxException}.
 */
public interface ImapAccount {
    /** The hierarchy delimiter (RFC 3501 §6.3.8). */
    char delimiter();

    /** Every mailbox, INBOX included. */
    Deferred<List<MailboxInfo>> mailboxes();

    /** Creates a mailbox (and missing parents, RFC 3501 §6.3.3). */
    Deferred<Void> create(String name);

    /** Deletes a mailbox and its messages (RFC 3501 §6.3.4). */
    Deferred<Void> delete(String name);

    /** Renames a mailbox and its children (RFC 3501 §6.3.5). */
    Deferred<Void> rename(String from, String to);

    /** The subscribed names (RFC 3501 §6.3.6). */
    Deferred<Set<String>> subscriptions();

    /** Subscribes or unsubscribes a name. */
    Deferred<Void> subscribe(String name, boolean subscribed);

    /** Opens a mailbox; fails with {@link MailboxException} ({@code NONEXISTENT}) when there is none. */
    Deferred<ImapMailbox> open(String name);
}
