package dev.torsion.irc.server;

import dev.torsion.defer.Deferred;
import java.util.List;

/**
 * The server's plug-in point for messages: every PRIVMSG and NOTICE passes through it before
 * delivery (a spam filter, an archive, a bridge). Each answer is a Deferred, so the filter may
 * ask a database or another service; the sender's following commands wait meanwhile, so its
 * messages keep their order. A failed Deferred refuses the message.
 */
@FunctionalInterface
public interface MessageFilter {
    /** Lets everything through unchanged. */
    MessageFilter ALLOW_ALL = (sender, account, command, targets, text) -> Deferred.succeed(Verdict.deliver());

    /**
     * Decides about one message.
     *
     * @param sender the sender's {@code nick!user@host}
     * @param account the sender's account (SASL), or null
     * @param command PRIVMSG or NOTICE
     * @param targets the nicknames and channels it is for
     * @param text the text
     */
    Deferred<Verdict> check(String sender, String account, String command, List<String> targets, String text);

    /**
     * What becomes of a message.
     *
     * @param text the text to deliver (the original or a replacement), or null to refuse
     * @param reason why it was refused (sent to the sender of a PRIVMSG in a 404), or null
     */
    record Verdict(String text, String reason) {
        /** Deliver the message as it is. */
        public static Verdict deliver() {
            return new Verdict(null, null);
        }

        /** Deliver {@code replacement} instead of the text. */
        public static Verdict replace(String replacement) {
            if (replacement == null || replacement.isEmpty()) {
                throw new IllegalArgumentException("a replacement text is not empty");
            }
            return new Verdict(replacement, null);
        }

        /** Refuse the message for {@code why}. */
        public static Verdict refuse(String why) {
            return new Verdict(null, why == null ? "Message refused" : why);
        }

        /** Whether the message is refused. */
        public boolean refused() {
            return reason != null;
        }
    }
}
