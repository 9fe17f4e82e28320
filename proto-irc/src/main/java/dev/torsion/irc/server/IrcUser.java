package dev.torsion.irc.server;

import dev.torsion.irc.codec.IrcMessage;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One connected client as the rest of the server sees it: its names, its away message and
 * account, its channels, the capabilities it enabled, and the session that delivers to it.
 */
final class IrcUser {
    private final IrcServer session;
    private final String host;
    private final long signonSeconds;
    private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private final Set<IrcChannel> channels = new LinkedHashSet<>();
    private String nick;
    private String username;
    private String realname;
    private String away;
    private String account;
    private boolean invisible;
    private long lastActiveNanos;

    IrcUser(IrcServer session, String host, long signonSeconds, long nowNanos) {
        this.session = session;
        this.host = host;
        this.signonSeconds = signonSeconds;
        this.lastActiveNanos = nowNanos;
    }

    /** Whether the user completed registration (unregistered ones only hold their nickname). */
    boolean isRegistered() {
        return session.state().isRegistered();
    }

    /** Sends {@code message} to this user, tagged as its capabilities ask. */
    void deliver(IrcMessage message) {
        session.deliver(message);
    }

    /** {@code nick!user@host} (RFC 2812 §2.3.1 prefix). */
    String mask() {
        return nickOrStar() + "!" + (username == null ? "*" : username) + "@" + host;
    }

    String nickOrStar() {
        return nick == null ? "*" : nick;
    }

    String nick() {
        return nick;
    }

    void setNick(String newNick) {
        nick = newNick;
    }

    String username() {
        return username;
    }

    String realname() {
        return realname;
    }

    void setUser(String newUsername, String newRealname) {
        username = newUsername;
        realname = newRealname;
    }

    String host() {
        return host;
    }

    String away() {
        return away;
    }

    void setAway(String message) {
        away = message;
    }

    String account() {
        return account;
    }

    void setAccount(String name) {
        account = name;
    }

    boolean invisible() {
        return invisible;
    }

    void setInvisible(boolean value) {
        invisible = value;
    }

    Set<Capability> capabilities() {
        return capabilities;
    }

    boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    Set<IrcChannel> channels() {
        return channels;
    }

    long signonSeconds() {
        return signonSeconds;
    }

    long lastActiveNanos() {
        return lastActiveNanos;
    }

    /** PRIVMSG and NOTICE reset the idle time of WHOIS (317), as in most servers. */
    void active(long nowNanos) {
        lastActiveNanos = nowNanos;
    }

    /** Whether this user shares a channel with {@code other}. */
    boolean sharesChannelWith(IrcUser other) {
        for (IrcChannel channel : channels) {
            if (channel.isMember(other)) {
                return true;
            }
        }
        return false;
    }
}
