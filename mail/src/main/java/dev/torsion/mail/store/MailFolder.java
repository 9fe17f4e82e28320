package dev.torsion.mail.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One folder of a user's mail, shared by every session that opens it (POP3 now, IMAP next): each
 * message has a UID that never changes and is never reused while {@link #uidValidity()} stays
 * the same, and flags any session may change.
 *
 * <p>Methods do file I/O and may block: servers call them off the reactor thread
 * ({@code deferToThread}). They are safe to call from several threads and several processes at
 * once (other deliveries, other sessions).
 */
public interface MailFolder {
    /** UIDVALIDITY (RFC 9051 §2.3.1.1): changes only if UIDs had to be reassigned. */
    long uidValidity() throws IOException;

    /** The UID the next new message will get. */
    long uidNext() throws IOException;

    /**
     * Looks at the folder again: new deliveries get UIDs (in delivery order), vanished messages
     * are dropped. Returns every message, by ascending UID.
     */
    List<StoredMessage> sync() throws IOException;

    /** The whole message with that UID. */
    byte[] read(long uid) throws IOException;

    /** The whole message if it is in memory now (no I/O, any thread), else null. */
    default byte[] cached(long uid) {
        return null;
    }

    /** Replaces the message's flags. */
    void setFlags(long uid, Set<MessageFlag> flags) throws IOException;

    /**
     * {@link #sync()} with UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ read at the same moment, so a
     * client never holds a HIGHESTMODSEQ newer than the messages it was shown (RFC 7162 §3.2.5).
     */
    default FolderSnapshot snapshot() throws IOException {
        List<StoredMessage> messages = sync();
        return new FolderSnapshot(uidValidity(), uidNext(), 0, messages);
    }

    /**
     * Changes the flags of several messages at once: each message's current flags go through
     * {@code change}; one whose MODSEQ is above {@code unchangedSince} is left alone and reported
     * (RFC 7162 §3.1.3, {@code Long.MAX_VALUE} for no condition). Messages gone are skipped. A
     * message whose flags change gets a new MODSEQ.
     */
    default FlagChanges changeFlags(Collection<Long> uids, UnaryOperator<Set<MessageFlag>> change, long unchangedSince) throws IOException {
        List<FlagChanges.State> states = new ArrayList<>();
        for (StoredMessage message : sync()) {
            if (uids.contains(message.uid())) {
                Set<MessageFlag> flags = change.apply(message.flags());
                setFlags(message.uid(), flags);
                states.add(new FlagChanges.State(message.uid(), flags, 0));
            }
        }
        return new FlagChanges(states, List.of());
    }

    /** The UIDs expunged after {@code modSeq} (QRESYNC, RFC 7162 §3.2.5); a store that keeps no MODSEQ remembers none. */
    default ExpungedSince expungedSince(long modSeq) throws IOException {
        return new ExpungedSince(List.of(), false);
    }

    /** Removes the messages for good (POP3's UPDATE state, IMAP's EXPUNGE). */
    void delete(Collection<Long> uids) throws IOException;

    /** Adds a message (IMAP APPEND, a copy) with flags, received now; returns its UID. */
    default long append(byte[] message, Set<MessageFlag> flags) throws IOException {
        return append(message, flags, Instant.now());
    }

    /** Adds a message with flags and the time it counts as received (IMAP APPEND's date, a copy's INTERNALDATE); returns its UID. */
    long append(byte[] message, Set<MessageFlag> flags, Instant received) throws IOException;
}
