package dev.torsion.imap.server;

import java.time.Instant;
import java.util.Set;

/**
 * One message as a sync found it.
 *
 * @param uid its UID
 * @param size RFC822.SIZE, in octets
 * @param flags its stored flags
 * @param internalDate INTERNALDATE (RFC 3501 §2.3.3)
 * @param recent whether this sync was the first to see it (RFC 3501 §2.3.2 {@code \Recent})
 * @param modSeq its MODSEQ (RFC 7162 §3.1), 0 when the mailbox keeps none
 */
public record MessageInfo(long uid, long size, Set<String> flags, Instant internalDate, boolean recent, long modSeq) {
    /** Copies the flags. */
    public MessageInfo {
        flags = Set.copyOf(flags);
    }

    /** A message of a mailbox that keeps no mod-sequences. */
    public MessageInfo(long uid, long size, Set<String> flags, Instant internalDate, boolean recent) {
        this(uid, size, flags, internalDate, recent, 0);
    }

    /** This message with other flags and MODSEQ. */
    MessageInfo with(Set<String> newFlags, long newModSeq) {
        return new MessageInfo(uid, size, newFlags, internalDate, recent, newModSeq);
    }
}
