package dev.torsion.irc.server;

import dev.torsion.irc.codec.IrcMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One MODE command's changes to a channel by one of its operators (RFC 2811 §4, Modern IRC
 * "Channel modes"): flags i m n s t, key k, limit l, status o v and bans b. What was applied is
 * announced to the channel in one MODE message; no-op changes are dropped; at most
 * {@code MODES} changes with a parameter are made; an unknown letter earns 472.
 */
final class ChannelModeChange {
    private final IrcServer session;
    private final ChannelCommands commands;
    private final IrcChannel channel;
    private final StringBuilder applied = new StringBuilder();
    private final List<String> appliedArgs = new ArrayList<>();
    private char appliedSign;
    private int paramModes;

    ChannelModeChange(IrcServer session, ChannelCommands commands, IrcChannel channel) {
        this.session = session;
        this.commands = commands;
        this.channel = channel;
    }

    void apply(String modes, List<String> args) {
        boolean adding = true;
        int next = 0;
        for (char c : modes.toCharArray()) {
            if (c == '+' || c == '-') {
                adding = c == '+';
                continue;
            }
            boolean takesArg = c == 'o' || c == 'v' || c == 'b' || (c == 'k' && adding) || (c == 'l' && adding);
            String arg = takesArg && next < args.size() ? args.get(next++) : null;
            if (c == 'k' && !adding && next < args.size()) {
                // RFC 2812 §3.2.3 writes "-k key": the key is taken and ignored.
                next++;
            }
            if (takesArg && arg != null && ++paramModes > session.limits().modesPerCommand()) {
                continue;
            }
            change(c, adding, arg);
        }
        if (applied.length() > 0) {
            List<String> params = new ArrayList<>();
            params.add(channel.name());
            params.add(applied.toString());
            params.addAll(appliedArgs);
            channel.broadcast(new IrcMessage(Map.of(), session.user().mask(), "MODE", params), null);
        }
    }

    private void change(char c, boolean adding, String arg) {
        ChannelMode flag = ChannelMode.of(c);
        if (flag != null) {
            if (channel.set(flag, adding)) {
                record(adding, c, null);
            }
            return;
        }
        switch (c) {
            case 'k' -> key(adding, arg);
            case 'l' -> limit(adding, arg);
            case 'o', 'v' -> status(c, adding, arg);
            case 'b' -> ban(adding, arg);
            default -> session.reply("472", Character.toString(c), "is unknown mode char to me");
        }
    }

    private void key(boolean adding, String arg) {
        if (adding) {
            if (arg == null || arg.isEmpty() || arg.indexOf(',') >= 0) {
                return;
            }
            channel.setKey(arg);
            record(true, 'k', arg);
        } else if (channel.key() != null) {
            channel.setKey(null);
            record(false, 'k', "*");
        }
    }

    private void limit(boolean adding, String arg) {
        if (!adding) {
            if (channel.limit() > 0) {
                channel.setLimit(0);
                record(false, 'l', null);
            }
            return;
        }
        int value;
        try {
            value = arg == null ? 0 : Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            return;
        }
        if (value > 0 && value != channel.limit()) {
            channel.setLimit(value);
            record(true, 'l', Integer.toString(value));
        }
    }

    private void status(char c, boolean adding, String nick) {
        if (nick == null) {
            return;
        }
        IrcUser target = session.network().user(nick);
        if (target == null) {
            session.reply("401", nick, "No such nick/channel");
            return;
        }
        if (!channel.isMember(target)) {
            session.reply("441", target.nick(), channel.name(), "They aren't on that channel");
            return;
        }
        MemberStatus before = channel.status(target);
        MemberStatus after = c == 'o' ? before.withOperator(adding) : before.withVoice(adding);
        if (after != before) {
            channel.setStatus(target, after);
            record(adding, c, target.nick());
        }
    }

    private void ban(boolean adding, String mask) {
        if (mask == null) {
            commands.sendBans(channel);
            return;
        }
        String normal = normalize(mask);
        IrcChannel.Ban existing = null;
        for (IrcChannel.Ban ban : channel.bans()) {
            if (session.network().caseMapping().equal(ban.mask(), normal)) {
                existing = ban;
            }
        }
        if (adding && existing == null) {
            if (channel.bans().size() >= session.limits().bansPerChannel()) {
                session.reply("478", channel.name(), "b", "Channel list is full");
                return;
            }
            channel.bans().add(new IrcChannel.Ban(normal, session.user().mask(), session.nowSeconds()));
            record(true, 'b', normal);
        } else if (!adding && existing != null) {
            channel.bans().remove(existing);
            record(false, 'b', existing.mask());
        }
    }

    /** A ban on "nick" means "nick!*@*" (RFC 2812 §3.2.3 examples). */
    private static String normalize(String mask) {
        String out = mask;
        if (out.indexOf('!') < 0 && out.indexOf('@') < 0) {
            out = out + "!*@*";
        } else if (out.indexOf('@') < 0) {
            out = out + "@*";
        } else if (out.indexOf('!') < 0) {
            out = "*!" + out;
        }
        return out;
    }

    private void record(boolean adding, char letter, String arg) {
        char sign = adding ? '+' : '-';
        if (sign != appliedSign) {
            applied.append(sign);
            appliedSign = sign;
        }
        applied.append(letter);
        if (arg != null) {
            appliedArgs.add(arg);
        }
    }
}
