package dev.torsion.irc.server;

/** A member's status in one channel (RFC 2811 §4.1; ISUPPORT PREFIX=(ov)@+). */
enum MemberStatus {
    /** Neither operator nor voiced. */
    NONE,
    /** +v. */
    VOICE,
    /** +o. */
    OPERATOR,
    /** +o and +v. */
    OPERATOR_VOICE;

    boolean isOperator() {
        return this == OPERATOR || this == OPERATOR_VOICE;
    }

    boolean isVoiced() {
        return this == VOICE || this == OPERATOR_VOICE;
    }

    MemberStatus withOperator(boolean on) {
        return of(on, isVoiced());
    }

    MemberStatus withVoice(boolean on) {
        return of(isOperator(), on);
    }

    private static MemberStatus of(boolean operator, boolean voice) {
        if (operator) {
            return voice ? OPERATOR_VOICE : OPERATOR;
        }
        return voice ? VOICE : NONE;
    }

    /** The highest prefix, or all of them with multi-prefix (IRCv3 multi-prefix). */
    String prefix(boolean all) {
        return switch (this) {
            case NONE -> "";
            case VOICE -> "+";
            case OPERATOR -> "@";
            case OPERATOR_VOICE -> all ? "@+" : "@";
        };
    }
}
