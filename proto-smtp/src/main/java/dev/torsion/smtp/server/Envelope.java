package dev.torsion.smtp.server;

import dev.torsion.smtp.codec.Mailbox;
import java.util.List;

/**
 * One message's envelope, handed to {@link MessageDelivery#startMessage}.
 *
 * @param id the server's id for this message (in the Received line and the 250 reply)
 * @param session who sends it
 * @param from the reverse-path, or null for the null sender {@code <>} (bounces)
 * @param recipients the accepted forward-paths, in order
 * @param eightBitMime whether MAIL said {@code BODY=8BITMIME} (RFC 6152)
 * @param smtpUtf8 whether MAIL said {@code SMTPUTF8} (RFC 6531)
 */
public record Envelope(String id, SessionInfo session, Mailbox from, List<Mailbox> recipients,
        boolean eightBitMime, boolean smtpUtf8) {
    /** Copies the recipients. */
    public Envelope {
        recipients = List.copyOf(recipients);
    }
}
