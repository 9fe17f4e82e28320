package dev.torsion.irc.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message (Modern IRC "Message format", RFC 1459 §2.3.1): IRCv3 tags, an optional source
 * ({@code nick!user@host} or a server name), the command (a word or a three-digit numeric) and its
 * parameters, the last of which may contain spaces.
 *
 * @param tags the IRCv3 message tags in order, values unescaped; a tag without a value maps to
 *     the empty string
 * @param source the prefix without its colon, or null when the message has none
 * @param command the command as received (upper-cased by the parser) or a numeric
 * @param params the parameters, the trailing one included, without the colon that introduced it
 */
public record IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {

    /** Copies the collections so that the message cannot change. */
    public IrcMessage {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(command, "command");
        params = List.copyOf(params);
    }

    /** A message without tags or source. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, Arrays.asList(params));
    }

    /** A message from {@code source}, without tags. */
    public static IrcMessage from(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, Arrays.asList(params));
    }

    /** This message with {@code newSource} as its source. */
    public IrcMessage withSource(String newSource) {
        return new IrcMessage(tags, newSource, command, params);
    }

    /** This message with {@code newTags} instead of its tags. */
    public IrcMessage withTags(Map<String, String> newTags) {
        return new IrcMessage(newTags, source, command, params);
    }

    /** This message with one more tag (replacing one of the same key). */
    public IrcMessage withTag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return new IrcMessage(more, source, command, params);
    }

    /** This message with {@code extra} appended to its parameters. */
    public IrcMessage withParams(String... extra) {
        List<String> more = new ArrayList<>(params);
        more.addAll(Arrays.asList(extra));
        return new IrcMessage(tags, source, command, more);
    }

    /** The {@code index}th parameter, or null when there are fewer. */
    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /** The last parameter, or null when there is none. */
    public String trailing() {
        return params.isEmpty() ? null : params.get(params.size() - 1);
    }

    /** The nickname part of the source ({@code nick} of {@code nick!user@host}), or null. */
    public String sourceNick() {
        if (source == null) {
            return null;
        }
        int bang = source.indexOf('!');
        int at = source.indexOf('@');
        int end = bang >= 0 ? bang : at >= 0 ? at : source.length();
        return source.substring(0, end);
    }

    /** Whether the command is a three-digit numeric reply. */
    public boolean isNumeric() {
        return command.length() == 3 && Character.isDigit(command.charAt(0)) && Character.isDigit(command.charAt(1))
                && Character.isDigit(command.charAt(2));
    }
}
