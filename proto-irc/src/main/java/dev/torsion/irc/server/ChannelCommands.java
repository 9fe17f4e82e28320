package dev.torsion.irc.server;

import dev.torsion.irc.IrcLimits;
import dev.torsion.irc.codec.IrcMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The channel commands of one session (RFC 2812 §3.2, RFC 2811, Modern IRC "Channel
 * Operations"): JOIN, PART, KICK, INVITE, TOPIC, NAMES, LIST and channel MODE.
 */
final class ChannelCommands {
    /** Room left in a 353 line for names, so that the line stays under 512 bytes. */
    private static final int NAMES_ROOM = 400;

    private final IrcServer session;

    ChannelCommands(IrcServer session) {
        this.session = session;
    }

    private IrcUser me() {
        return session.user();
    }

    private IrcNetwork network() {
        return session.network();
    }

    private IrcLimits limits() {
        return session.limits();
    }

    /** RFC 2811 §2.1: '#', then no space, comma or BELL, at most CHANNELLEN. */
    private boolean validChannel(String name) {
        if (name.length() < 2 || name.length() > limits().channelLength() || name.charAt(0) != '#') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == ',' || c == 7) {
                return false;
            }
        }
        return true;
    }

    /** RFC 2812 §3.2.1: JOIN channels [keys]; "JOIN 0" leaves every channel. */
    void join(IrcMessage m) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            session.reply("461", "JOIN", "Not enough parameters");
            return;
        }
        if (m.param(0).equals("0")) {
            for (IrcChannel channel : List.copyOf(me().channels())) {
                leave(channel, IrcMessage.from(me().mask(), "PART", channel.name()));
            }
            return;
        }
        String[] names = m.param(0).split(",");
        String[] keys = m.param(1) == null ? new String[0] : m.param(1).split(",");
        if (names.length > limits().targetsPerMessage()) {
            session.reply("407", m.param(0), "Too many targets");
            return;
        }
        for (int i = 0; i < names.length; i++) {
            joinOne(names[i], i < keys.length ? keys[i] : null);
        }
    }

    private void joinOne(String name, String key) {
        if (!validChannel(name)) {
            session.reply("403", name, "No such channel");
            return;
        }
        IrcChannel channel = network().channel(name);
        if (channel != null && channel.isMember(me())) {
            return;
        }
        if (me().channels().size() >= limits().channelsPerUser()) {
            session.reply("405", name, "You have joined too many channels");
            return;
        }
        if (channel == null) {
            channel = network().createChannel(name, session.nowSeconds());
            channel.add(me(), MemberStatus.OPERATOR);
        } else {
            String refusal = refusal(channel, key);
            if (refusal != null) {
                session.reply(refusal, channel.name(), "Cannot join channel (" + refusalMode(refusal) + ")");
                return;
            }
            channel.invited().remove(network().caseMapping().fold(me().nick()));
            channel.add(me(), MemberStatus.NONE);
        }
        announceJoin(channel);
        if (!channel.topic().isEmpty()) {
            sendTopic(channel);
        }
        sendNames(channel);
    }

    /** JOIN to every member, extended (account and real name) for those with extended-join (IRCv3). */
    private void announceJoin(IrcChannel channel) {
        Map<String, String> tags = me().account() == null ? Map.of() : Map.of("account", me().account());
        IrcMessage plain = new IrcMessage(tags, me().mask(), "JOIN", List.of(channel.name()));
        IrcMessage extended = new IrcMessage(tags, me().mask(), "JOIN",
                List.of(channel.name(), me().account() == null ? "*" : me().account(), me().realname()));
        for (IrcUser member : List.copyOf(channel.members().keySet())) {
            member.deliver(member.has(Capability.EXTENDED_JOIN) ? extended : plain);
        }
    }

    /** The numeric that refuses the join, or null (RFC 2812 §3.2.1; an invitation passes +i and +b). */
    private String refusal(IrcChannel channel, String key) {
        boolean invited = channel.invited().contains(network().caseMapping().fold(me().nick()));
        if (!invited && isBanned(channel, me())) {
            return "474";
        }
        if (!invited && channel.has(ChannelMode.INVITE_ONLY)) {
            return "473";
        }
        if (channel.key() != null && !channel.key().equals(key)) {
            return "475";
        }
        if (channel.limit() > 0 && channel.members().size() >= channel.limit()) {
            return "471";
        }
        return null;
    }

    private static String refusalMode(String numeric) {
        return switch (numeric) {
            case "474" -> "+b";
            case "473" -> "+i";
            case "475" -> "+k";
            default -> "+l";
        };
    }

    boolean isBanned(IrcChannel channel, IrcUser user) {
        for (IrcChannel.Ban ban : channel.bans()) {
            if (network().matches(ban.mask(), user.mask())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 2812 §3.2.2: PART channels [reason]. */
    void part(IrcMessage m) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            session.reply("461", "PART", "Not enough parameters");
            return;
        }
        for (String name : m.param(0).split(",")) {
            IrcChannel channel = network().channel(name);
            if (channel == null) {
                session.reply("403", name, "No such channel");
            } else if (!channel.isMember(me())) {
                session.reply("442", channel.name(), "You're not on that channel");
            } else {
                IrcMessage part = m.param(1) == null ? IrcMessage.from(me().mask(), "PART", channel.name())
                        : IrcMessage.from(me().mask(), "PART", channel.name(), m.param(1));
                leave(channel, part);
            }
        }
    }

    private void leave(IrcChannel channel, IrcMessage announcement) {
        channel.broadcast(announcement, null);
        channel.remove(me());
        network().removeIfEmpty(channel);
    }

    /** A channel the caller must be on (403, 442 otherwise), or null after the error reply. */
    private IrcChannel memberOf(String name) {
        IrcChannel channel = network().channel(name);
        if (channel == null) {
            session.reply("403", name, "No such channel");
            return null;
        }
        if (!channel.isMember(me())) {
            session.reply("442", channel.name(), "You're not on that channel");
            return null;
        }
        return channel;
    }

    private boolean requireOperator(IrcChannel channel) {
        if (channel.status(me()).isOperator()) {
            return true;
        }
        session.reply("482", channel.name(), "You're not channel operator");
        return false;
    }

    /** RFC 2812 §3.2.8: KICK channel users [reason]. */
    void kick(IrcMessage m) {
        if (m.params().size() < 2) {
            session.reply("461", "KICK", "Not enough parameters");
            return;
        }
        IrcChannel channel = memberOf(m.param(0));
        if (channel == null || !requireOperator(channel)) {
            return;
        }
        String reason = m.param(2) == null ? me().nick() : cut(m.param(2), limits().kickLength());
        for (String nick : m.param(1).split(",")) {
            IrcUser target = network().user(nick);
            if (target == null || !channel.isMember(target)) {
                session.reply("441", nick, channel.name(), "They aren't on that channel");
                continue;
            }
            channel.broadcast(IrcMessage.from(me().mask(), "KICK", channel.name(), target.nick(), reason), null);
            channel.remove(target);
        }
        network().removeIfEmpty(channel);
    }

    /** RFC 2812 §3.2.7: INVITE nick channel. */
    void invite(IrcMessage m) {
        if (m.params().size() < 2) {
            session.reply("461", "INVITE", "Not enough parameters");
            return;
        }
        IrcUser target = network().user(m.param(0));
        if (target == null) {
            session.reply("401", m.param(0), "No such nick/channel");
            return;
        }
        IrcChannel channel = memberOf(m.param(1));
        if (channel == null) {
            return;
        }
        if (channel.isMember(target)) {
            session.reply("443", target.nick(), channel.name(), "is already on channel");
            return;
        }
        if (channel.has(ChannelMode.INVITE_ONLY) && !requireOperator(channel)) {
            return;
        }
        channel.invited().add(network().caseMapping().fold(target.nick()));
        session.reply("341", target.nick(), channel.name());
        target.deliver(IrcMessage.from(me().mask(), "INVITE", target.nick(), channel.name()));
        if (target.away() != null) {
            session.reply("301", target.nick(), target.away());
        }
    }

    /** RFC 2812 §3.2.4: TOPIC channel [topic]. */
    void topic(IrcMessage m) {
        if (m.param(0) == null) {
            session.reply("461", "TOPIC", "Not enough parameters");
            return;
        }
        if (m.param(1) == null) {
            IrcChannel channel = network().channel(m.param(0));
            if (channel == null) {
                session.reply("403", m.param(0), "No such channel");
            } else if (channel.has(ChannelMode.SECRET) && !channel.isMember(me())) {
                session.reply("442", channel.name(), "You're not on that channel");
            } else if (channel.topic().isEmpty()) {
                session.reply("331", channel.name(), "No topic is set");
            } else {
                sendTopic(channel);
            }
            return;
        }
        IrcChannel channel = memberOf(m.param(0));
        if (channel == null || (channel.has(ChannelMode.TOPIC_LOCK) && !requireOperator(channel))) {
            return;
        }
        String text = cut(m.param(1), limits().topicLength());
        channel.setTopic(text, me().mask(), session.nowSeconds());
        channel.broadcast(IrcMessage.from(me().mask(), "TOPIC", channel.name(), text), null);
    }

    private void sendTopic(IrcChannel channel) {
        session.reply("332", channel.name(), channel.topic());
        session.reply("333", channel.name(), channel.topicSetter(), Long.toString(channel.topicSeconds()));
    }

    /** RFC 2812 §3.2.5: NAMES [channel]; without one, just the end (Modern IRC allows it). */
    void names(IrcMessage m) {
        if (m.param(0) == null) {
            session.reply("366", "*", "End of /NAMES list");
            return;
        }
        String name = m.param(0).split(",")[0];
        IrcChannel channel = network().channel(name);
        if (channel == null || (channel.has(ChannelMode.SECRET) && !channel.isMember(me()))) {
            session.reply("366", name, "End of /NAMES list");
            return;
        }
        sendNames(channel);
    }

    /** 353 lines ("=" public, "@" secret), cut to fit, then 366; invisible outsiders are left out. */
    void sendNames(IrcChannel channel) {
        boolean all = me().has(Capability.MULTI_PREFIX);
        boolean member = channel.isMember(me());
        String symbol = channel.has(ChannelMode.SECRET) ? "@" : "=";
        StringBuilder line = new StringBuilder();
        for (var entry : channel.members().entrySet()) {
            if (!member && entry.getKey().invisible()) {
                continue;
            }
            String name = entry.getValue().prefix(all) + entry.getKey().nick();
            if (line.length() + name.length() + 1 > NAMES_ROOM) {
                session.reply("353", symbol, channel.name(), line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(name);
        }
        if (line.length() > 0) {
            session.reply("353", symbol, channel.name(), line.toString());
        }
        session.reply("366", channel.name(), "End of /NAMES list");
    }

    /** RFC 2812 §3.2.6: LIST [channels]; secret channels only to their members. */
    void list(IrcMessage m) {
        session.reply("321", "Channel", "Users  Name");
        List<IrcChannel> chosen = new ArrayList<>();
        if (m.param(0) == null) {
            chosen.addAll(network().channels());
        } else {
            for (String name : m.param(0).split(",")) {
                IrcChannel channel = network().channel(name);
                if (channel != null) {
                    chosen.add(channel);
                }
            }
        }
        for (IrcChannel channel : chosen) {
            if (!channel.has(ChannelMode.SECRET) || channel.isMember(me())) {
                session.reply("322", channel.name(), Integer.toString(channel.members().size()), channel.topic());
            }
        }
        session.reply("323", "End of /LIST");
    }

    /** RFC 2811 §4, RFC 2812 §3.2.3: channel MODE, queries and changes. */
    void mode(IrcMessage m) {
        IrcChannel channel = network().channel(m.param(0));
        if (channel == null) {
            session.reply("403", m.param(0), "No such channel");
            return;
        }
        String modes = m.param(1);
        if (modes == null) {
            List<String> params = new ArrayList<>();
            params.add(channel.name());
            params.addAll(channel.modeParams(channel.isMember(me())));
            session.reply("324", params.toArray(String[]::new));
            session.reply("329", channel.name(), Long.toString(channel.createdSeconds()));
            return;
        }
        if ((modes.equals("b") || modes.equals("+b")) && m.param(2) == null) {
            sendBans(channel);
            return;
        }
        if (!requireOperator(channel)) {
            return;
        }
        new ChannelModeChange(session, this, channel).apply(modes, m.params().subList(2, m.params().size()));
    }

    void sendBans(IrcChannel channel) {
        for (IrcChannel.Ban ban : channel.bans()) {
            session.reply("367", channel.name(), ban.mask(), ban.setter(), Long.toString(ban.setAtSeconds()));
        }
        session.reply("368", channel.name(), "End of channel ban list");
    }

    /** {@code text} cut to {@code max} characters (TOPICLEN, KICKLEN, AWAYLEN). */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
