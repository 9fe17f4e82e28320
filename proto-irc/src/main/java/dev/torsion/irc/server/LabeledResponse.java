package dev.torsion.irc.server;

import dev.torsion.irc.codec.IrcMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replies to one labeled command (IRCv3 labeled-response with batch), gathered while the
 * command runs and sent when it is done: none as an {@code ACK}, one with the {@code label} tag,
 * several inside a {@code labeled-response} batch that carries the label.
 */
final class LabeledResponse {
    private final String label;
    private final List<IrcMessage> replies = new ArrayList<>();

    LabeledResponse(String label) {
        this.label = label;
    }

    void add(IrcMessage message) {
        replies.add(message);
    }

    /** Sends what was gathered through {@code send}; {@code batchId} names the batch if one is needed. */
    void flush(Consumer<IrcMessage> send, String serverName, String batchId) {
        if (replies.isEmpty()) {
            send.accept(IrcMessage.from(serverName, "ACK").withTag("label", label));
            return;
        }
        if (replies.size() == 1) {
            send.accept(replies.get(0).withTag("label", label));
            return;
        }
        send.accept(IrcMessage.from(serverName, "BATCH", "+" + batchId, "labeled-response").withTag("label", label));
        for (IrcMessage reply : replies) {
            send.accept(reply.withTag("batch", batchId));
        }
        send.accept(IrcMessage.from(serverName, "BATCH", "-" + batchId));
    }
}
