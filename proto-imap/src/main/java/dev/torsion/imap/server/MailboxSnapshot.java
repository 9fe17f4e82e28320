package dev.torsion.imap.server;

import java.util.List;

/**
 * A mailbox as {@link ImapMailbox#sync()} found it.
 *
 * @param uidValidity UIDVALIDITY (RFC 3501 §2.3.1.1)
 * @param uidNext the UID the next message will get
 * @param messages every message, by ascending UID
 */
public record MailboxSnapshot(long uidValidity, long uidNext, List<MessageInfo> messages) {
    /** Copies the list. */
    public MailboxSnapshot {
        messages = List.copyOf(messages);
    }
}
