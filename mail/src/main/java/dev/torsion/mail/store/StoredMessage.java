package dev.torsion.mail.store;

import java.time.Instant;
import java.util.Set;

/**
 * One message of a folder as a session sees it.
 *
 * @param uid its UID, unique and ascending within the folder's UIDVALIDITY (RFC 9051 §2.3.1.1)
 * @param key the store's stable name for it (the Maildir base name); also POP3's UIDL
 * @param size its size in octets, as stored (CR LF line ends)
 * @param flags its flags
 * @param recent whether this session is the first to see it ({@code \Recent}: it was in {@code new/})
 * @param received when it arrived: IMAP's INTERNALDATE (RFC 3501 §2.3.3), the file's modification
 *     time as Dovecot keeps it
 * @param modSeq its MODSEQ (RFC 7162 §3.1): the folder's mod-sequence when it arrived or its flags last changed; 0 when the
 *     store keeps none
 */
public record StoredMessage(long uid, String key, long size, Set<MessageFlag> flags, boolean recent, Instant received, long modSeq) {
    /** Copies the flags. */
    public StoredMessage {
        flags = Set.copyOf(flags);
    }
}
