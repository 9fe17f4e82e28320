package dev.torsion.smtp.client;

import dev.torsion.smtp.SmtpReply;
import java.util.List;
import java.util.Map;

/**
 * What became of a message the server accepted.
 *
 * @param accepted the recipients the server accepted
 * @param refused the recipients it refused, with its reply to each
 * @param finalReply the reply to the end of the data (250)
 */
public record SendResult(List<String> accepted, Map<String, SmtpReply> refused, SmtpReply finalReply) {
    /** Copies the collections. */
    public SendResult {
        accepted = List.copyOf(accepted);
        refused = Map.copyOf(refused);
    }
}
