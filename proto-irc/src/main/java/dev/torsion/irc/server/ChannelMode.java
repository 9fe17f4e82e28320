package dev.torsion.irc.server;

/** The channel flags without parameters (RFC 2811 §4.2; ISUPPORT CHANMODES type D). */
public enum ChannelMode {
    /** +i: joining needs an invitation (RFC 2811 §4.2.2). */
    INVITE_ONLY('i'),
    /** +m: only voiced users and operators speak (RFC 2811 §4.2.3). */
    MODERATED('m'),
    /** +n: no messages from outside (RFC 2811 §4.2.5). */
    NO_EXTERNAL('n'),
    /** +s: hidden from LIST, NAMES and WHOIS of outsiders (RFC 2811 §4.2.6). */
    SECRET('s'),
    /** +t: only operators change the topic (RFC 2811 §4.2.8). */
    TOPIC_LOCK('t');

    private final char letter;

    ChannelMode(char letter) {
        this.letter = letter;
    }

    /** The mode's letter. */
    public char letter() {
        return letter;
    }

    /** The flag of {@code letter}, or null. */
    static ChannelMode of(char letter) {
        for (ChannelMode m : values()) {
            if (m.letter == letter) {
                return m;
            }
        }
        return null;
    }
}
