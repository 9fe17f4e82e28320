package dev.torsion.pop3.server;

import dev.torsion.defer.Deferred;
import java.util.List;

/**
 * A user's maildrop as the POP3 server uses it: the avatar a cred {@code Realm} gives for
 * {@code Pop3Mailbox.class}. Every call answers with a Deferred, so an implementation reads its
 * files or database off the reactor thread.
 */
public interface Pop3Mailbox {
    /** The messages at login, in order: message number n is element n-1 (RFC 1939 §5). */
    Deferred<List<Pop3Message>> list();

    /** The whole message, CR LF line ends preferred (bare LF is converted on the wire). */
    Deferred<byte[]> retrieve(Pop3Message message);

    /** Removes the messages for good: called only in the UPDATE state, after QUIT. */
    Deferred<Void> delete(List<Pop3Message> messages);
}
