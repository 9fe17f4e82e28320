package dev.torsion.irc.server;

import dev.torsion.irc.codec.CaseMapping;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sessions of one server share: nicknames, channels and the WHOWAS history. One per
 * reactor, touched only on its thread (DESIGN "Threads"), so it needs no locks.
 */
final class IrcNetwork {
    /** A departed nickname for WHOWAS (RFC 2812 §3.6.3). */
    record Departed(String nick, String username, String host, String realname, long leftSeconds) {
    }

    private final CaseMapping caseMapping;
    private final int whowasEntries;
    private final Instant started;
    private final Map<String, IrcUser> nicks = new HashMap<>();
    private final Map<String, IrcChannel> channels = new LinkedHashMap<>();
    private final Deque<Departed> whowas = new ArrayDeque<>();
    private int connections;
    private int registered;
    private int maxRegistered;

    IrcNetwork(CaseMapping caseMapping, int whowasEntries, Instant started) {
        this.caseMapping = caseMapping;
        this.whowasEntries = whowasEntries;
        this.started = started;
    }

    /** When the server started (003 RPL_CREATED). */
    Instant started() {
        return started;
    }

    CaseMapping caseMapping() {
        return caseMapping;
    }

    void connected() {
        connections++;
    }

    void disconnected(boolean wasRegistered) {
        connections--;
        if (wasRegistered) {
            registered--;
        }
    }

    void registered() {
        registered++;
        maxRegistered = Math.max(maxRegistered, registered);
    }

    int registeredCount() {
        return registered;
    }

    int maxRegistered() {
        return maxRegistered;
    }

    int unknownConnections() {
        return connections - registered;
    }

    int invisibleCount() {
        int count = 0;
        for (IrcUser user : nicks.values()) {
            if (user.invisible() && user.isRegistered()) {
                count++;
            }
        }
        return count;
    }

    /** The registered user of {@code nick}, or null (a nickname held during registration is nobody yet). */
    IrcUser user(String nick) {
        IrcUser user = nicks.get(caseMapping.fold(nick));
        return user != null && user.isRegistered() ? user : null;
    }

    /** Takes {@code nick} for {@code user}, releasing its old one; false when someone else has it. */
    boolean claimNick(IrcUser user, String nick) {
        String key = caseMapping.fold(nick);
        IrcUser holder = nicks.get(key);
        if (holder != null && holder != user) {
            return false;
        }
        if (user.nick() != null) {
            nicks.remove(caseMapping.fold(user.nick()));
        }
        nicks.put(key, user);
        return true;
    }

    void releaseNick(IrcUser user) {
        if (user.nick() != null && nicks.get(caseMapping.fold(user.nick())) == user) {
            nicks.remove(caseMapping.fold(user.nick()));
        }
    }

    /** Every registered user. */
    List<IrcUser> users() {
        List<IrcUser> out = new ArrayList<>();
        for (IrcUser user : nicks.values()) {
            if (user.isRegistered()) {
                out.add(user);
            }
        }
        return out;
    }

    IrcChannel channel(String name) {
        return channels.get(caseMapping.fold(name));
    }

    IrcChannel createChannel(String name, long nowSeconds) {
        IrcChannel channel = new IrcChannel(name, nowSeconds);
        channels.put(caseMapping.fold(name), channel);
        return channel;
    }

    /** Forgets a channel once its last member left (RFC 2811 §2.1: channels die empty). */
    void removeIfEmpty(IrcChannel channel) {
        if (channel.isEmpty()) {
            channels.remove(caseMapping.fold(channel.name()));
        }
    }

    Collection<IrcChannel> channels() {
        return channels.values();
    }

    void remember(IrcUser user, long nowSeconds) {
        if (whowasEntries == 0 || user.nick() == null || user.username() == null) {
            return;
        }
        whowas.addFirst(new Departed(user.nick(), user.username(), user.host(), user.realname(), nowSeconds));
        while (whowas.size() > whowasEntries) {
            whowas.removeLast();
        }
    }

    /** The departed users of {@code nick}, newest first, at most {@code count} (0: all). */
    List<Departed> whowas(String nick, int count) {
        List<Departed> out = new ArrayList<>();
        String key = caseMapping.fold(nick);
        for (Departed d : whowas) {
            if (caseMapping.fold(d.nick()).equals(key)) {
                out.add(d);
                if (count > 0 && out.size() == count) {
                    break;
                }
            }
        }
        return out;
    }

    /** RFC 2812 §2.5 wildcards: {@code *} any run, {@code ?} one character, compared case-folded. */
    boolean matches(String mask, String text) {
        return glob(caseMapping.fold(mask), 0, caseMapping.fold(text), 0);
    }

    private static boolean glob(String mask, int m, String text, int t) {
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (m < mask.length() && (mask.charAt(m) == '?' || mask.charAt(m) == text.charAt(t))) {
                m++;
                t++;
            } else if (m < mask.length() && mask.charAt(m) == '*') {
                star = m++;
                mark = t;
            } else if (star >= 0) {
                m = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (m < mask.length() && mask.charAt(m) == '*') {
            m++;
        }
        return m == mask.length();
    }
}
