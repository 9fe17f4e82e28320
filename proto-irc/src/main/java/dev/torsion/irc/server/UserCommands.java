package dev.torsion.irc.server;

import dev.torsion.defer.Deferred;
import dev.torsion.irc.codec.IrcMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages and queries of one session (RFC 2812 §3.3, §3.5-§3.6, §4; Modern IRC): PRIVMSG,
 * NOTICE, user MODE, WHO, WHOIS, WHOWAS, AWAY, ISON, LUSERS and MOTD.
 */
final class UserCommands {
    private static final Logger log = LoggerFactory.getLogger(UserCommands.class);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("EEE MMM dd yyyy 'at' HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final IrcServer session;

    UserCommands(IrcServer session) {
        this.session = session;
    }

    String timeText(Instant now) {
        return STARTED.format(now);
    }

    String startedText() {
        return STARTED.format(session.network().started());
    }

    private IrcUser me() {
        return session.user();
    }

    private IrcNetwork network() {
        return session.network();
    }

    private String serverName() {
        return session.config().serverName();
    }

    /**
     * RFC 2812 §3.3.1-§3.3.2: PRIVMSG and NOTICE to nicknames and channels. NOTICE never earns
     * an error reply; client-only tags ('+') are relayed (IRCv3 message-tags); echo-message
     * senders get their own message back.
     */
    void message(IrcMessage m, boolean notice) {
        String command = notice ? "NOTICE" : "PRIVMSG";
        if (m.param(0) == null || m.param(0).isEmpty()) {
            if (!notice) {
                session.reply("411", "No recipient given (" + command + ")");
            }
            return;
        }
        if (m.param(1) == null || m.param(1).isEmpty()) {
            if (!notice) {
                session.reply("412", "No text to send");
            }
            return;
        }
        String[] targets = m.param(0).split(",");
        if (targets.length > session.limits().targetsPerMessage()) {
            if (!notice) {
                session.reply("407", m.param(0), "Too many targets");
            }
            return;
        }
        me().active(session.nowNanos());
        Map<String, String> tags = clientTags(m.tags());
        if (me().account() != null) {
            tags.put("account", me().account());
        }
        String text = m.param(1);
        Deferred<MessageFilter.Verdict> verdict = session.config().filter()
                .check(me().mask(), me().account(), command, List.of(targets), text);
        session.whenDone(verdict, (decided, failure) -> {
            if (failure != null) {
                log.warn("irc: the message filter failed: {}", failure.getErrorMessage());
            }
            MessageFilter.Verdict v = failure != null ? MessageFilter.Verdict.refuse("Message refused") : decided;
            String out = v.refused() ? null : v.text() == null ? text : v.text();
            if (out != null && !sendable(out)) {
                log.warn("irc: the message filter gave a text with CR, LF or NUL: refused");
                out = null;
            }
            if (out == null) {
                for (String target : targets) {
                    if (!notice) {
                        session.reply("404", target, v.reason() == null ? "Message refused" : v.reason());
                    }
                }
                return;
            }
            for (String target : targets) {
                IrcMessage relayed = new IrcMessage(tags, me().mask(), command, List.of(target, out));
                if (target.startsWith("#")) {
                    toChannel(target, relayed, notice);
                } else {
                    toUser(target, relayed, notice);
                }
            }
        });
    }

    /** Modern IRC: no NUL, CR or LF in a message; a filter's replacement text is checked. */
    private static boolean sendable(String text) {
        return !text.isEmpty() && text.indexOf('\r') < 0 && text.indexOf('\n') < 0 && text.indexOf('\0') < 0;
    }

    private static Map<String, String> clientTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith("+")) {
                out.put(key, value);
            }
        });
        return out;
    }

    private void toChannel(String name, IrcMessage relayed, boolean notice) {
        IrcChannel channel = network().channel(name);
        if (channel == null) {
            if (!notice) {
                session.reply("401", name, "No such nick/channel");
            }
            return;
        }
        if (!canSend(channel)) {
            if (!notice) {
                session.reply("404", channel.name(), "Cannot send to channel");
            }
            return;
        }
        IrcMessage out = new IrcMessage(relayed.tags(), relayed.source(), relayed.command(),
                List.of(channel.name(), relayed.trailing()));
        channel.broadcast(out, me());
        if (me().has(Capability.ECHO_MESSAGE)) {
            me().deliver(out);
        }
    }

    /** RFC 2811 §4.2.3, §4.2.5, §4.3.1: +n keeps outsiders out, +m and bans silence all but voiced. */
    private boolean canSend(IrcChannel channel) {
        MemberStatus status = channel.status(me());
        if (!channel.isMember(me()) && channel.has(ChannelMode.NO_EXTERNAL)) {
            return false;
        }
        if (status.isOperator() || status.isVoiced()) {
            return true;
        }
        if (channel.has(ChannelMode.MODERATED)) {
            return false;
        }
        for (IrcChannel.Ban ban : channel.bans()) {
            if (network().matches(ban.mask(), me().mask())) {
                return false;
            }
        }
        return true;
    }

    private void toUser(String nick, IrcMessage relayed, boolean notice) {
        IrcUser target = network().user(nick);
        if (target == null) {
            if (!notice) {
                session.reply("401", nick, "No such nick/channel");
            }
            return;
        }
        target.deliver(relayed);
        if (me().has(Capability.ECHO_MESSAGE) && target != me()) {
            me().deliver(relayed);
        }
        if (!notice && target.away() != null) {
            session.reply("301", target.nick(), target.away());
        }
    }

    /** RFC 2812 §3.1.5: user MODE, +i only, on oneself. */
    void mode(IrcMessage m) {
        String nick = m.param(0);
        if (!network().caseMapping().equal(nick, me().nick())) {
            if (network().user(nick) == null) {
                session.reply("401", nick, "No such nick/channel");
            } else {
                session.reply("502", "Can't change mode for other users");
            }
            return;
        }
        String modes = m.param(1);
        if (modes == null) {
            session.reply("221", me().invisible() ? "+i" : "+");
            return;
        }
        boolean adding = true;
        boolean unknown = false;
        StringBuilder applied = new StringBuilder();
        for (char c : modes.toCharArray()) {
            if (c == '+' || c == '-') {
                adding = c == '+';
            } else if (c == 'i') {
                if (me().invisible() != adding) {
                    me().setInvisible(adding);
                    applied.append(adding ? "+i" : "-i");
                }
            } else {
                unknown = true;
            }
        }
        if (unknown) {
            session.reply("501", "Unknown MODE flag");
        }
        if (applied.length() > 0) {
            me().deliver(IrcMessage.from(me().mask(), "MODE", me().nick(), applied.toString()));
        }
    }

    /** RFC 2812 §3.6.1: WHO channel, WHO nick or WHO mask; invisible users only to those who share a channel. */
    void who(IrcMessage m) {
        String mask = m.param(0) == null || m.param(0).isEmpty() ? "*" : m.param(0);
        if (mask.startsWith("#")) {
            IrcChannel channel = network().channel(mask);
            if (channel != null && (channel.isMember(me()) || !channel.has(ChannelMode.SECRET))) {
                for (var entry : channel.members().entrySet()) {
                    if (channel.isMember(me()) || !entry.getKey().invisible()) {
                        whoReply(channel.name(), entry.getKey(), entry.getValue());
                    }
                }
            }
        } else {
            for (IrcUser other : network().users()) {
                boolean visible = other == me() || !other.invisible() || me().sharesChannelWith(other);
                if (visible && network().matches(mask, other.nick())) {
                    IrcChannel shown = other.channels().isEmpty() ? null : other.channels().iterator().next();
                    whoReply(shown == null ? "*" : shown.name(), other, shown == null ? MemberStatus.NONE : shown.status(other));
                }
            }
        }
        session.reply("315", mask, "End of WHO list");
    }

    private void whoReply(String channel, IrcUser who, MemberStatus status) {
        String flags = (who.away() == null ? "H" : "G") + status.prefix(me().has(Capability.MULTI_PREFIX));
        session.reply("352", channel, who.username(), who.host(), serverName(), who.nick(), flags, "0 " + who.realname());
    }

    /** RFC 2812 §3.6.2: WHOIS [server] nick. */
    void whois(IrcMessage m) {
        String nick = m.params().isEmpty() ? null : m.trailing();
        if (nick == null || nick.isEmpty()) {
            session.reply("431", "No nickname given");
            return;
        }
        nick = nick.split(",")[0];
        IrcUser target = network().user(nick);
        if (target == null) {
            session.reply("401", nick, "No such nick/channel");
            session.reply("318", nick, "End of /WHOIS list");
            return;
        }
        session.reply("311", target.nick(), target.username(), target.host(), "*", target.realname());
        List<String> shown = new ArrayList<>();
        for (IrcChannel channel : target.channels()) {
            if (!channel.has(ChannelMode.SECRET) || channel.isMember(me())) {
                shown.add(channel.status(target).prefix(me().has(Capability.MULTI_PREFIX)) + channel.name());
            }
        }
        if (!shown.isEmpty()) {
            session.reply("319", target.nick(), String.join(" ", shown));
        }
        session.reply("312", target.nick(), serverName(), session.config().network());
        if (target.away() != null) {
            session.reply("301", target.nick(), target.away());
        }
        if (target.account() != null) {
            session.reply("330", target.nick(), target.account(), "is logged in as");
        }
        session.reply("317", target.nick(), Long.toString(session.idleSeconds(target)), Long.toString(target.signonSeconds()),
                "seconds idle, signon time");
        session.reply("318", target.nick(), "End of /WHOIS list");
    }

    /** RFC 2812 §3.6.3: WHOWAS nick [count]. */
    void whowas(IrcMessage m) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            session.reply("431", "No nickname given");
            return;
        }
        int count = 0;
        try {
            count = m.param(1) == null ? 0 : Math.max(0, Integer.parseInt(m.param(1)));
        } catch (NumberFormatException e) {
            count = 0;
        }
        String nick = m.param(0);
        List<IrcNetwork.Departed> entries = network().whowas(nick, count);
        if (entries.isEmpty()) {
            session.reply("406", nick, "There was no such nickname");
        }
        for (IrcNetwork.Departed d : entries) {
            session.reply("314", d.nick(), d.username(), d.host(), "*", d.realname());
            session.reply("312", d.nick(), serverName(), STARTED.format(Instant.ofEpochSecond(d.leftSeconds())));
        }
        session.reply("369", nick, "End of WHOWAS");
    }

    /** RFC 2812 §4.1: AWAY [text]; IRCv3 away-notify tells those who share a channel. */
    void away(IrcMessage m) {
        String text = m.param(0);
        IrcMessage notice;
        if (text == null || text.isEmpty()) {
            me().setAway(null);
            session.reply("305", "You are no longer marked as being away");
            notice = IrcMessage.from(me().mask(), "AWAY");
        } else {
            String cut = ChannelCommands.cut(text, session.limits().awayLength());
            me().setAway(cut);
            session.reply("306", "You have been marked as being away");
            notice = IrcMessage.from(me().mask(), "AWAY", cut);
        }
        for (IrcUser peer : session.peers()) {
            if (peer.has(Capability.AWAY_NOTIFY)) {
                peer.deliver(notice);
            }
        }
    }

    /** RFC 2812 §4.9: ISON nick...; the nicknames present, as they are spelt. */
    void ison(IrcMessage m) {
        if (m.params().isEmpty()) {
            session.reply("461", "ISON", "Not enough parameters");
            return;
        }
        List<String> present = new ArrayList<>();
        for (String param : m.params()) {
            for (String nick : param.split(" ")) {
                IrcUser other = nick.isEmpty() ? null : network().user(nick);
                if (other != null) {
                    present.add(other.nick());
                }
            }
        }
        session.reply("303", String.join(" ", present));
    }

    /** RFC 2812 §4.8: USERHOST nick... (5 at most); {@code nick=+user@host}, '-' when away. */
    void userhost(IrcMessage m) {
        if (m.params().isEmpty()) {
            session.reply("461", "USERHOST", "Not enough parameters");
            return;
        }
        List<String> found = new ArrayList<>();
        for (String nick : m.params().subList(0, Math.min(5, m.params().size()))) {
            IrcUser other = network().user(nick);
            if (other != null) {
                found.add(other.nick() + "=" + (other.away() == null ? "+" : "-") + other.username() + "@" + other.host());
            }
        }
        session.reply("302", String.join(" ", found));
    }

    /** RFC 2812 §3.4.2: LUSERS (one server, no operators). */
    void lusers() {
        int registered = network().registeredCount();
        int invisible = network().invisibleCount();
        session.reply("251", "There are " + (registered - invisible) + " users and " + invisible + " invisible on 1 servers");
        if (network().unknownConnections() > 0) {
            session.reply("253", Integer.toString(network().unknownConnections()), "unknown connection(s)");
        }
        session.reply("254", Integer.toString(network().channels().size()), "channels formed");
        session.reply("255", "I have " + registered + " clients and 0 servers");
        String max = Integer.toString(network().maxRegistered());
        String now = Integer.toString(registered);
        session.reply("265", now, max, "Current local users " + now + ", max " + max);
        session.reply("266", now, max, "Current global users " + now + ", max " + max);
    }

    /** RFC 2812 §3.4.1: MOTD. */
    void motd() {
        List<String> lines = session.config().motd();
        if (lines.isEmpty()) {
            session.reply("422", "MOTD File is missing");
            return;
        }
        session.reply("375", "- " + serverName() + " Message of the day - ");
        for (String line : lines) {
            session.reply("372", "- " + line);
        }
        session.reply("376", "End of /MOTD command.");
    }
}
