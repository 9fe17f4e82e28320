package dev.torsion.irc.server;

import dev.torsion.irc.codec.IrcMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One channel (RFC 2811): members and their status, topic, flags, key, limit, bans, invitations. */
final class IrcChannel {
    /** A ban list entry with who set it and when (367). */
    record Ban(String mask, String setter, long setAtSeconds) {
    }

    private final String name;
    private final long createdSeconds;
    private final Map<IrcUser, MemberStatus> members = new LinkedHashMap<>();
    private final Set<ChannelMode> modes = EnumSet.of(ChannelMode.NO_EXTERNAL, ChannelMode.TOPIC_LOCK);
    private final List<Ban> bans = new ArrayList<>();
    private final Set<String> invited = new LinkedHashSet<>();
    private String topic = "";
    private String topicSetter;
    private long topicSeconds;
    private String key;
    private int limit;

    IrcChannel(String name, long createdSeconds) {
        this.name = name;
        this.createdSeconds = createdSeconds;
    }

    String name() {
        return name;
    }

    long createdSeconds() {
        return createdSeconds;
    }

    Map<IrcUser, MemberStatus> members() {
        return members;
    }

    boolean isMember(IrcUser user) {
        return members.containsKey(user);
    }

    MemberStatus status(IrcUser user) {
        return members.getOrDefault(user, MemberStatus.NONE);
    }

    void setStatus(IrcUser user, MemberStatus status) {
        members.replace(user, status);
    }

    void add(IrcUser user, MemberStatus status) {
        members.put(user, status);
        user.channels().add(this);
    }

    void remove(IrcUser user) {
        members.remove(user);
        user.channels().remove(this);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Sends {@code message} to every member but {@code except} (which may be null). */
    void broadcast(IrcMessage message, IrcUser except) {
        for (IrcUser member : List.copyOf(members.keySet())) {
            if (member != except) {
                member.deliver(message);
            }
        }
    }

    boolean has(ChannelMode mode) {
        return modes.contains(mode);
    }

    /** Sets or clears a flag; false when it was so already. */
    boolean set(ChannelMode mode, boolean on) {
        return on ? modes.add(mode) : modes.remove(mode);
    }

    String topic() {
        return topic;
    }

    String topicSetter() {
        return topicSetter;
    }

    long topicSeconds() {
        return topicSeconds;
    }

    void setTopic(String text, String setter, long atSeconds) {
        topic = text;
        topicSetter = setter;
        topicSeconds = atSeconds;
    }

    String key() {
        return key;
    }

    void setKey(String newKey) {
        key = newKey;
    }

    int limit() {
        return limit;
    }

    void setLimit(int newLimit) {
        limit = newLimit;
    }

    List<Ban> bans() {
        return bans;
    }

    Set<String> invited() {
        return invited;
    }

    /** {@code +ntk key} style summary for 324; the key only for members. */
    List<String> modeParams(boolean showKey) {
        StringBuilder letters = new StringBuilder("+");
        List<String> args = new ArrayList<>();
        for (ChannelMode mode : modes) {
            letters.append(mode.letter());
        }
        if (key != null) {
            letters.append('k');
            args.add(showKey ? key : "*");
        }
        if (limit > 0) {
            letters.append('l');
            args.add(Integer.toString(limit));
        }
        List<String> out = new ArrayList<>();
        out.add(letters.toString());
        out.addAll(args);
        return out;
    }
}
