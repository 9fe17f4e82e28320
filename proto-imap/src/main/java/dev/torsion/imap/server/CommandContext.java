package dev.torsion.imap.server;

import dev.torsion.defer.Deferred;

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
}
