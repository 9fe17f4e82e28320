package dev.torsion.mail.store;

import java.util.List;

/**
 * A folder as one sync found it, every value read under the same lock so that they agree.
 *
 * @param uidValidity UIDVALIDITY (RFC 9051 §2.3.1.1)
 * @param uidNext the UID the next message will get
 * @param highestModSeq HIGHESTMODSEQ (RFC 7162 §3.1.2.1): the MODSEQ of the folder's latest change, 0 when the store keeps none
 * @param messages every message, by ascending UID
 */
public record FolderSnapshot(long uidValidity, long uidNext, long highestModSeq, List<StoredMessage> messages) {
    /** Copies the list. */
    public FolderSnapshot {
        messages = List.copyOf(messages);
    }
}
