package dev.torsion.imap.server;

import dev.torsion.imap.parse.SequenceSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The selected mailbox as this session shows it: message sequence numbers (RFC 3501 §2.3.1.2)
 * mapped to messages, their flags as last told to the client, and which are {@code \Recent} for
 * this session. Changes made by others reach the view only through {@link #update}, which writes
 * the untagged EXISTS, RECENT, FETCH and EXPUNGE responses that tell the client, so numbers never
 * shift under a client's feet except where RFC 3501 §7.4.1 allows.
 */
final class SelectedMailbox {
    private final String name;
    private final ImapMailbox mailbox;
    private final boolean readOnly;
    private final List<MessageInfo> messages;
    private final Set<Long> recent = new HashSet<>();
    private final boolean rev2;
    /** The UIDs {@code SEARCH RETURN (SAVE)} kept for {@code $} (RFC 5182 §2.1), ascending; empty until one is saved. */
    private List<Long> saved = List.of();
    private long uidValidity;
    private long uidNext;
    private long highestModSeq;
    /** The last snapshot {@link #update} took in whole, or null. */
    private MailboxSnapshot applied;

    SelectedMailbox(String name, ImapMailbox mailbox, boolean readOnly, MailboxSnapshot snapshot) {
        this(name, mailbox, readOnly, snapshot, false);
    }

    /** With {@code rev2}, \Recent and RECENT are never shown (RFC 9051 Appendix E: IMAP4rev2 has neither). */
    SelectedMailbox(String name, ImapMailbox mailbox, boolean readOnly, MailboxSnapshot snapshot, boolean rev2) {
        this.name = name;
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.rev2 = rev2;
        this.messages = new ArrayList<>(snapshot.messages());
        this.uidValidity = snapshot.uidValidity();
        this.uidNext = snapshot.uidNext();
        this.highestModSeq = snapshot.highestModSeq();
        for (MessageInfo message : messages) {
            if (message.recent()) {
                recent.add(message.uid());
            }
        }
    }

    String name() {
        return name;
    }

    ImapMailbox mailbox() {
        return mailbox;
    }

    boolean readOnly() {
        return readOnly;
    }

    long uidValidity() {
        return uidValidity;
    }

    long uidNext() {
        return uidNext;
    }

    /** HIGHESTMODSEQ as last synced; 0 when the mailbox keeps no mod-sequences (NOMODSEQ). */
    long highestModSeq() {
        return highestModSeq;
    }

    /** The untagged OK that tells a CONDSTORE client the mailbox's HIGHESTMODSEQ, or NOMODSEQ (RFC 7162 §3.1.2). */
    String modSeqStatus() {
        return highestModSeq > 0 ? "* OK [HIGHESTMODSEQ " + highestModSeq + "] Highest\r\n"
                : "* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n";
    }

    /** The UIDs of the view, ascending. */
    List<Long> uids() {
        List<Long> uids = new ArrayList<>(messages.size());
        for (MessageInfo message : messages) {
            uids.add(message.uid());
        }
        return uids;
    }

    /** The sequence number of {@code uid}, or 0. */
    int seqOf(long uid) {
        int low = 0;
        int high = messages.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = messages.get(mid).uid();
            if (at == uid) {
                return mid + 1;
            }
            if (at < uid) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return 0;
    }

    int exists() {
        return messages.size();
    }

    int recentCount() {
        return recent.size();
    }

    /** The message with sequence number {@code seq} (1-based). */
    MessageInfo at(int seq) {
        return messages.get(seq - 1);
    }

    boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** The sequence number of the first message without \Seen, or 0. */
    int firstUnseen() {
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).flags().contains("\\Seen")) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The flags as a client sees them: stored ones and {@code \Recent} (not under IMAP4rev2). */
    Set<String> flagsOf(int seq) {
        MessageInfo message = at(seq);
        if (rev2 || !recent.contains(message.uid())) {
            return message.flags();
        }
        Set<String> flags = new TreeSet<>(message.flags());
        flags.add("\\Recent");
        return flags;
    }

    /** Records flags (and the MODSEQ they got) this session stored. */
    void setFlags(int seq, Set<String> flags, long modSeq) {
        messages.set(seq - 1, at(seq).with(flags, modSeq));
        highestModSeq = Math.max(highestModSeq, modSeq);
    }

    /**
     * {@code * seq FETCH (FLAGS (...))} for a flag change, with the UID (UID STORE; and always
     * once QRESYNC is enabled, RFC 7162 §3.2.4) and the MODSEQ (once CONDSTORE is enabled, §3.1.4).
     */
    String flagsResponse(int seq, boolean withUid, boolean withModSeq) {
        StringBuilder out = new StringBuilder("* ").append(seq).append(" FETCH (FLAGS ").append(Flags.list(flagsOf(seq)));
        if (withUid) {
            out.append(" UID ").append(at(seq).uid());
        }
        if (withModSeq) {
            out.append(" MODSEQ (").append(at(seq).modSeq()).append(')');
        }
        return out.append(")\r\n").toString();
    }

    /**
     * The sequence numbers a set names, ascending. As UIDs (RFC 3501 §6.4.8), numbers not in the
     * mailbox are ignored and {@code *} is the largest UID in use; as sequence numbers, a number
     * past the last message is an error (null), as is any number in an empty mailbox.
     */
    List<Integer> resolve(SequenceSet set, boolean uids) {
        List<Integer> out = new ArrayList<>();
        if (set.saved()) {
            // RFC 5182 §2.1: $ names the saved messages still here, as sequence numbers or UIDs alike.
            for (long uid : saved) {
                int seq = seqOf(uid);
                if (seq > 0) {
                    out.add(seq);
                }
            }
            return out;
        }
        if (uids) {
            long largest = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).uid();
            for (int i = 0; i < messages.size(); i++) {
                if (set.contains(messages.get(i).uid(), largest)) {
                    out.add(i + 1);
                }
            }
            return out;
        }
        if (messages.isEmpty() || set.largestWritten() > messages.size()) {
            return null;
        }
        for (int seq = 1; seq <= messages.size(); seq++) {
            if (set.contains(seq, messages.size())) {
                out.add(seq);
            }
        }
        return out;
    }

    /** Whether message {@code seq} is in {@code set} (of UIDs or sequence numbers, or {@code $}). */
    boolean contains(SequenceSet set, boolean uids, int seq) {
        if (set.saved()) {
            return Collections.binarySearch(saved, at(seq).uid()) >= 0;
        }
        return uids ? set.contains(at(seq).uid(), at(exists()).uid()) : set.contains(seq, exists());
    }

    /** Keeps {@code uids} (ascending) as the saved search result that {@code $} names (RFC 5182 §2.1). */
    void save(List<Long> uids) {
        saved = List.copyOf(uids);
    }

    /**
     * Brings the view up to {@code snapshot} and writes what changed: EXPUNGE for messages gone
     * (only when {@code allowExpunge}: RFC 3501 §7.4.1 forbids them during FETCH, STORE and
     * SEARCH; until then a vanished message keeps its number), or one VANISHED once QRESYNC is
     * enabled (RFC 7162 §3.2.10); FETCH FLAGS for flags others changed (with MODSEQ once
     * CONDSTORE is enabled, also for a change that left the flags as they were); EXISTS and RECENT
     * for new messages. Returns false, changing nothing, when the mailbox's UIDVALIDITY changed:
     * every UID the client holds is void and the session must end.
     */
    boolean update(MailboxSnapshot snapshot, boolean allowExpunge, boolean condStore, boolean qresync, ResponseBuilder out) {
        if (snapshot.uidValidity() != uidValidity) {
            return false;
        }
        if (snapshot == applied) {
            // The mailbox answered the very snapshot this view already took in whole: nothing to tell.
            return true;
        }
        Map<Long, MessageInfo> now = new HashMap<>();
        for (MessageInfo message : snapshot.messages()) {
            now.put(message.uid(), message);
        }
        if (allowExpunge) {
            expungeGone(now, qresync, out);
        }
        for (int i = 0; i < messages.size(); i++) {
            MessageInfo known = messages.get(i);
            MessageInfo current = now.get(known.uid());
            if (current == null || (current.flags().equals(known.flags()) && current.modSeq() == known.modSeq())) {
                continue;
            }
            setFlags(i + 1, current.flags(), current.modSeq());
            if (!current.flags().equals(known.flags()) || condStore) {
                out.raw(flagsResponse(i + 1, qresync, condStore));
            }
        }
        long largest = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).uid();
        int before = messages.size();
        for (MessageInfo message : snapshot.messages()) {
            if (message.uid() > largest) {
                messages.add(message);
                if (message.recent()) {
                    recent.add(message.uid());
                }
            }
        }
        if (messages.size() != before) {
            out.raw("* " + messages.size() + " EXISTS").crlf();
            if (!rev2) {
                out.raw("* " + recent.size() + " RECENT").crlf();
            }
        }
        uidNext = snapshot.uidNext();
        highestModSeq = Math.max(highestModSeq, snapshot.highestModSeq());
        // Taken in whole only when no message it lacks is still shown (an EXPUNGE held back for later).
        applied = messages.size() == snapshot.messages().size() ? snapshot : null;
        return true;
    }

    private void expungeGone(Map<Long, MessageInfo> now, boolean qresync, ResponseBuilder out) {
        List<Long> vanished = new ArrayList<>();
        // Highest first, so each number written is still the one the client knows.
        for (int i = messages.size() - 1; i >= 0; i--) {
            long uid = messages.get(i).uid();
            if (!now.containsKey(uid)) {
                recent.remove(uid);
                messages.remove(i);
                if (qresync) {
                    vanished.add(0, uid);
                } else {
                    out.raw("* " + (i + 1) + " EXPUNGE").crlf();
                }
            }
        }
        if (!vanished.isEmpty()) {
            out.raw("* VANISHED " + SequenceSet.compact(vanished)).crlf();
        }
    }
}
