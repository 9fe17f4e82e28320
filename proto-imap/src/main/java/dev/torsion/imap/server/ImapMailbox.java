package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * One mailbox, shared by every session that opens it (in this process or others). Flags are
 * IMAP flag names ({@code \Seen}, keywords); {@code \Recent} is never stored. Every call answers
 * with a Deferred.
 */
public interface ImapMailbox {
    /** The flags this mailbox keeps for good (RFC 3501 §7.1 PERMANENTFLAGS). */
    Set<String> permanentFlags();

    /** Looks at the mailbox again: every message by ascending UID, new deliveries included. */
    Deferred<MailboxSnapshot> sync();

    /** The whole message; fails when it is gone. */
    Deferred<byte[]> read(long uid);

    /** Replaces the flags of messages; messages gone meanwhile are skipped. */
    Deferred<Void> store(Map<Long, Set<String>> flags);

    /** Removes messages for good. */
    Deferred<Void> expunge(Collection<Long> uids);

    /** Adds a message with flags and an internal date; answers its UID and the mailbox's UIDVALIDITY. */
    Deferred<Appended> append(byte[] message, Set<String> flags, Instant internalDate);

    /** Where an appended message went (RFC 4315 APPENDUID). */
    record Appended(long uidValidity, long uid) {
    }
}
