package dev.torsion.nntp.parse;

/** Message-ID syntax (RFC 3977 §3.6 and RFC 5536 §3.1.3). Pure. */
public final class MessageIds {
    /** Longest message-id, angle brackets included (RFC 3977 §3.6: 250 octets). */
    public static final int MAX_LENGTH = 250;

    private MessageIds() {
    }

    /**
     * Whether {@code text} is a message-id as RFC 3977 §3.6 requires: between {@code <} and
     * {@code >}, printable US-ASCII without {@code >} inside, at most 250 octets. RFC 5536 asks
     * for an {@code @} as well; articles without one are still found by ARTICLE, as INN does.
     */
    public static boolean isValid(String text) {
        if (text.length() < 3 || text.length() > MAX_LENGTH || text.charAt(0) != '<' || text.charAt(text.length() - 1) != '>') {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '>' || c == '<') {
                return false;
            }
        }
        return true;
    }

    /** Whether a command argument is meant as a message-id rather than a number (it starts with {@code <}). */
    public static boolean looksLikeMessageId(String argument) {
        return argument.startsWith("<");
    }
}
