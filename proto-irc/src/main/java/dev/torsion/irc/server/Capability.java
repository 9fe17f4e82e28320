package dev.torsion.irc.server;

import java.util.Locale;

/** The IRCv3 capabilities the server offers ({@code CAP LS}). */
public enum Capability {
    /** IRCv3 message-tags: tags are relayed, client-only tags included. */
    MESSAGE_TAGS("message-tags"),
    /** IRCv3 server-time: a {@code time} tag on every message. */
    SERVER_TIME("server-time"),
    /** IRCv3 echo-message: the sender gets its own PRIVMSG and NOTICE back. */
    ECHO_MESSAGE("echo-message"),
    /** IRCv3 multi-prefix: every status prefix in NAMES, WHO and WHOIS, not just the highest. */
    MULTI_PREFIX("multi-prefix"),
    /** IRCv3 away-notify: AWAY of users sharing a channel. */
    AWAY_NOTIFY("away-notify"),
    /** IRCv3 account-notify: ACCOUNT when a user sharing a channel logs in. */
    ACCOUNT_NOTIFY("account-notify"),
    /** IRCv3 extended-join: JOIN carries the account and real name. */
    EXTENDED_JOIN("extended-join"),
    /** IRCv3 account-tag: an {@code account} tag on PRIVMSG, NOTICE and JOIN of logged-in users. */
    ACCOUNT_TAG("account-tag"),
    /** IRCv3 batch: groups of messages between BATCH +id and BATCH -id. */
    BATCH("batch"),
    /** IRCv3 labeled-response: the replies to a command tagged {@code label} carry that label. */
    LABELED_RESPONSE("labeled-response"),
    /** IRCv3 cap-notify: CAP NEW and DEL (implied by {@code CAP LS 302}). */
    CAP_NOTIFY("cap-notify"),
    /** IRCv3 SASL 3.1/3.2 with the PLAIN mechanism, offered when a portal is configured. */
    SASL("sasl");

    private final String token;

    Capability(String token) {
        this.token = token;
    }

    /** The capability's name on the wire. */
    public String token() {
        return token;
    }

    /** The capability named {@code name}, or null. */
    static Capability named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Capability c : values()) {
            if (c.token.equals(lower)) {
                return c;
            }
        }
        return null;
    }
}
