package dev.torsion.smtp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.codec.Mailbox;

/**
 * What a server does with mail: Twisted's {@code IMessageDelivery}. The server asks it about the
 * sender and each recipient as they come, then hands it each message as it streams in.
 *
 * <p>Every Deferred may fire later; the server reads no further command meanwhile (pipelined ones
 * wait in order). A Deferred that fails with {@link SmtpRejection} answers with its reply; any other
 * failure answers {@code 451 4.3.0} and is logged. Relaying policy lives here: a delivery that
 * accepts any recipient is an open relay, so check {@link SessionInfo#isAuthenticated()} or the
 * peer address for domains that are not yours.
 */
public interface MessageDelivery {
    /** Accepts or refuses the reverse-path ({@code from} is null for {@code <>}). Default: accept. */
    default Deferred<Void> validateFrom(SessionInfo session, Mailbox from) {
        return Deferred.succeed(null);
    }

    /** Accepts or refuses one recipient of the message from {@code from}. */
    Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to);

    /**
     * Starts receiving a message for the accepted recipients.
     *
     * @throws SmtpRejection to refuse the message before its data (DATA then earns that reply)
     */
    MessageReceiver startMessage(Envelope envelope) throws SmtpRejection;
}
