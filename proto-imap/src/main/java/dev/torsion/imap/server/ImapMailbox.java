package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One mailbox, shared by every session that opens it (in this process or others). Flags are
 * IMAP flag names ({@code \Seen}, keywords); {@code \Recent} is never stored. Every call answers
 * with a Deferred.
 *
 * <p>A mailbox that keeps mod-sequences (RFC 7162) gives every message a MODSEQ and the mailbox a
 * HIGHESTMODSEQ that grow with every change (a flag change, an arrival, an expunge) and survive
 * restarts; one that keeps none answers 0 for both, and the server tells CONDSTORE clients
 * {@code NOMODSEQ}.
 */
public interface ImapMailbox {
    /** The flags this mailbox keeps for good (RFC 3501 §7.1 PERMANENTFLAGS). */
    Set<String> permanentFlags();

    /** Looks at the mailbox again: every message by ascending UID, new deliveries included. */
    Deferred<MailboxSnapshot> sync();

    /**
     * {@link #sync}, or null when looking now would mean waiting for another session's change in
     * progress (a lock held). The server asks so after commands whose untagged updates may come at
     * a later command (FETCH, SEARCH, STORE, COPY: RFC 3501 §7 lets the server tell changes when it
     * likes, and the change waited for is told at the next command), never after NOOP, IDLE's
     * polls, EXPUNGE or SELECT.
     */
    default Deferred<MailboxSnapshot> syncUnlessBusy() {
        return sync();
    }

    /**
     * The whole message; fails when it is gone. The array is never changed afterwards (the server
     * keeps the MIME tree it parsed from an array for as long as it sees that same array again).
     */
    Deferred<byte[]> read(long uid);

    /**
     * The whole message if the mailbox has it in memory now (no I/O: called on the reactor
     * thread), else null and {@link #read} is used. FETCH and SEARCH over many messages go through
     * it without a trip to a thread per message.
     */
    default byte[] readCached(long uid) {
        return null;
    }

    /**
     * Changes the flags of messages, each from its current flags through {@code change}, at once
     * for each message; a message whose MODSEQ is above {@code unchangedSince} is left alone and
     * reported (RFC 7162 §3.1.3; {@code Long.MAX_VALUE} for no condition). Messages gone
     * meanwhile are skipped.
     */
    Deferred<StoreResult> store(Collection<Long> uids, UnaryOperator<Set<String>> change, long unchangedSince);

    /** Removes messages for good. */
    Deferred<Void> expunge(Collection<Long> uids);

    /** Adds a message with flags and an internal date; answers its UID and the mailbox's UIDVALIDITY. */
    Deferred<Appended> append(byte[] message, Set<String> flags, Instant internalDate);

    /**
     * The UIDs expunged after {@code modSeq} (QRESYNC's VANISHED (EARLIER), RFC 7162 §3.2.5). A
     * mailbox whose memory does not reach back that far answers what it has with
     * {@code complete} false, and the server then counts every UID it does not hold as vanished.
     */
    default Deferred<Expunged> expungedSince(long modSeq) {
        return Deferred.succeed(new Expunged(List.of(), false));
    }

    /** Where an appended message went (RFC 4315 APPENDUID). */
    record Appended(long uidValidity, long uid) {
    }

    /**
     * UIDs expunged after a MODSEQ.
     *
     * @param uids ascending
     * @param complete whether every UID expunged after it is there
     */
    record Expunged(List<Long> uids, boolean complete) {
        /** Copies the list. */
        public Expunged {
            uids = List.copyOf(uids);
        }
    }

    /**
     * What a flag change did.
     *
     * @param stored every message looked at (changed or not) as it is now
     * @param refused the UIDs whose MODSEQ was above UNCHANGEDSINCE
     */
    record StoreResult(List<Stored> stored, List<Long> refused) {
        /** Copies the lists. */
        public StoreResult {
            stored = List.copyOf(stored);
            refused = List.copyOf(refused);
        }
    }

    /**
     * One message after a flag change.
     *
     * @param uid its UID
     * @param flags its flags
     * @param modSeq its MODSEQ (0 when the mailbox keeps none)
     */
    record Stored(long uid, Set<String> flags, long modSeq) {
        /** Copies the flags. */
        public Stored {
            flags = Set.copyOf(flags);
        }
    }
}
