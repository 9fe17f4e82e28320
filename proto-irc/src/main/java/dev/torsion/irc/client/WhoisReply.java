package dev.torsion.irc.client;

import java.util.List;

/**
 * What WHOIS told about a user (RFC 2812 §3.6.2; Modern IRC numerics 311-330).
 *
 * @param nick the nickname as the server spells it
 * @param username the user name (311)
 * @param host the host (311)
 * @param realname the real name (311)
 * @param server the server the user is on (312), or null
 * @param channels the channels with their status prefixes (319)
 * @param away the away message (301), or null
 * @param account the account (330), or null
 * @param idleSeconds seconds idle (317), or -1
 */
public record WhoisReply(String nick, String username, String host, String realname, String server, List<String> channels,
        String away, String account, long idleSeconds) {

    /** Copies the channel list. */
    public WhoisReply {
        channels = List.copyOf(channels);
    }
}
