package dev.torsion.mail.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * The flags a stored message carries: IMAP's system flags (RFC 9051 §2.3.2) and Maildir's info
 * letters, which Dovecot, Postfix and mutt write in ASCII order after {@code :2,}.
 */
public enum MessageFlag {
    /** {@code \Draft}, Maildir {@code D}. */
    DRAFT('D'),
    /** {@code \Flagged}, Maildir {@code F}. */
    FLAGGED('F'),
    /** Forwarded (no IMAP system flag; Dovecot maps it to {@code $Forwarded}), Maildir {@code P}. */
    PASSED('P'),
    /** {@code \Answered}, Maildir {@code R}. */
    ANSWERED('R'),
    /** {@code \Seen}, Maildir {@code S}. */
    SEEN('S'),
    /** {@code \Deleted}, Maildir {@code T} (trashed). */
    DELETED('T');

    private final char letter;

    MessageFlag(char letter) {
        this.letter = letter;
    }

    /** The Maildir info letter. */
    public char letter() {
        return letter;
    }

    /** The flags named by Maildir letters; unknown letters (keywords a-z) are ignored. */
    public static Set<MessageFlag> fromLetters(String letters) {
        Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
        for (MessageFlag flag : values()) {
            if (letters.indexOf(flag.letter) >= 0) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The letters of {@code flags}, in ASCII order as the Maildir spec asks. */
    public static String toLetters(Set<MessageFlag> flags) {
        StringBuilder out = new StringBuilder();
        for (MessageFlag flag : values()) {
            if (flags.contains(flag)) {
                out.append(flag.letter);
            }
        }
        return out.toString();
    }
}
