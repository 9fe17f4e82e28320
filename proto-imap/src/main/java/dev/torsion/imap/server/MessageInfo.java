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
 */
public record MessageInfo(long uid, long size, Set<String> flags, Instant internalDate, boolean recent) {
    /** Copies the flags. */
    public MessageInfo {
        flags = Set.copyOf(flags);
    }
}
