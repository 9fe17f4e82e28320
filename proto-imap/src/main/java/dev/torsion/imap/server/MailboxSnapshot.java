package dev.torsion.imap.server;

import java.util.List;

/**
 * A mailbox as {@link ImapMailbox#sync()} found it.
 *
 * @param uidValidity UIDVALIDITY (RFC 3501 §2.3.1.1)
 * @param uidNext the UID the next message will get
 * @param highestModSeq HIGHESTMODSEQ (RFC 7162 §3.1.2.1), 0 for a mailbox that keeps no mod-sequences
 * @param messages every message, by ascending UID
 */
public record MailboxSnapshot(long uidValidity, long uidNext, long highestModSeq, List<MessageInfo> messages) {
    /** Copies the list. */
    public MailboxSnapshot {
        messages = List.copyOf(messages);
    }

    /** A snapshot of a mailbox that keeps no mod-sequences. */
    public MailboxSnapshot(long uidValidity, long uidNext, List<MessageInfo> messages) {
        this(uidValidity, uidNext, 0, messages);
    }
}
