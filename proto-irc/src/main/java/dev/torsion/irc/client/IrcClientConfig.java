package dev.torsion.irc.client;

import java.util.List;
import java.util.Objects;

/**
 * Who the client says it is and what it asks for.
 *
 * @param nick the wanted nickname; on 433 the client tries it with {@code _} appended, up to
 *     {@code maxNickAttempts} times
 * @param username the user name of USER
 * @param realname the real name of USER
 * @param password the server password (PASS), or null
 * @param saslAccount the account for SASL PLAIN, or null for no SASL
 * @param saslPassword the password for SASL PLAIN, or null
 * @param capabilities the IRCv3 capabilities to request where the server offers them
 * @param version the answer to CTCP VERSION
 * @param maxNickAttempts how many alternative nicknames to try before giving up
 */
public record IrcClientConfig(String nick, String username, String realname, String password, String saslAccount,
        String saslPassword, List<String> capabilities, String version, int maxNickAttempts) {

    /** Checks the names. */
    public IrcClientConfig {
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realname, "realname");
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(version, "version");
    }

    /** A client named {@code nick}, asking for multi-prefix, server-time, message-tags and away-notify. */
    public static IrcClientConfig of(String nick) {
        return new IrcClientConfig(nick, nick, nick, null, null, null,
                List.of("multi-prefix", "server-time", "message-tags", "away-notify", "account-notify"), "Torsion IRC client 0.1", 5);
    }

    /** With a server password. */
    public IrcClientConfig withPassword(String newPassword) {
        return new IrcClientConfig(nick, username, realname, newPassword, saslAccount, saslPassword, capabilities, version,
                maxNickAttempts);
    }

    /** With SASL PLAIN as {@code account}. */
    public IrcClientConfig withSasl(String account, String accountPassword) {
        return new IrcClientConfig(nick, username, realname, password, account, accountPassword, capabilities, version,
                maxNickAttempts);
    }

    /** With other capabilities requested. */
    public IrcClientConfig withCapabilities(List<String> wanted) {
        return new IrcClientConfig(nick, username, realname, password, saslAccount, saslPassword, wanted, version, maxNickAttempts);
    }

    @Override
    public String toString() {
        return "IrcClientConfig[" + nick + ", sasl=" + (saslAccount != null) + ", caps=" + capabilities + "]";
    }
}
