package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;
import dev.torsion.imap.parse.ModifiedUtf7;

/**
 * What command handlers need of the session: writing untagged responses, the logged-in
 * account, the selected mailbox and changing it.
 */
interface CommandContext {
    /** Writes untagged response octets now. */
    void write(byte[] octets);

    /** The logged-in user's account. */
    ImapAccount account();

    /** The selected mailbox, or null. */
    SelectedMailbox selected();

    /** Fires when output may go on (the peer is reading); long outputs wait on it between messages. */
    Deferred<Void> writable();

    /** Makes {@code mailbox} the selected one (null: none), moving the session's state. */
    void select(SelectedMailbox mailbox);

    /** Whether CONDSTORE is enabled (RFC 7162 §3.1: by ENABLE or by a CONDSTORE-enabling command). */
    boolean condStore();

    /** Whether QRESYNC is enabled (RFC 7162 §3.2.3: only by ENABLE). */
    boolean qresync();

    /**
     * A CONDSTORE-enabling command came (RFC 7162 §3.1): from now on FETCH responses carry MODSEQ;
     * when it comes with a mailbox selected, the client is told its HIGHESTMODSEQ.
     */
    void enableCondStore();

    /** Whether IMAP4rev2 is enabled (RFC 9051 §6.3.1: by {@code ENABLE IMAP4rev2}). */
    boolean rev2();

    /** A mailbox name as responses carry it: modified UTF-7, or UTF-8 once IMAP4rev2 is enabled (RFC 9051 §5.1). */
    default String wireName(String name) {
        return rev2() ? name : ModifiedUtf7.encode(name);
    }
}
