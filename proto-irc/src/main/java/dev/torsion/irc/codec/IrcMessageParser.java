package dev.torsion.irc.codec;

import dev.torsion.irc.codec.IrcParseException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one IRC line (without its line ending) into an {@link IrcMessage}. Pure: no I/O, no
 * state; {@link IrcLineFramer} cuts the stream into lines.
 *
 * <p>The grammar is Modern IRC's "Message format" with IRCv3 message-tags:
 * {@code ['@' tags SPACE] [':' source SPACE] command [params]}, where SPACE is one or more
 * spaces. Text is UTF-8; a part that is not valid UTF-8 is read as ISO-8859-1 (Modern IRC
 * "Character encodings": servers relay other encodings rather than drop them).
 */
public final class IrcMessageParser {
    /** RFC 2812 §2.3.1: at most 14 middle parameters; past them the rest of the line is one. */
    public static final int MAX_MIDDLE_PARAMS = 14;

    private final int lineBytes;
    private final int tagBytes;

    /**
     * A parser refusing messages over {@code lineBytes} (CR LF included, RFC 1459 §2.3: 512) and
     * tag sections over {@code tagBytes} ('@' and the space after included, message-tags: 8191).
     */
    public IrcMessageParser(int lineBytes, int tagBytes) {
        this.lineBytes = lineBytes;
        this.tagBytes = tagBytes;
    }

    /** A parser with the standard limits, 512 and 8191 bytes. */
    public static IrcMessageParser standard() {
        return new IrcMessageParser(512, 8191);
    }

    /** Parses {@code line}, which holds no LF and no trailing CR. */
    public IrcMessage parse(byte[] line) throws IrcParseException {
        checkBytes(line);
        int at = 0;
        Map<String, String> tags = Map.of();
        if (line.length > 0 && line[0] == '@') {
            int space = indexOf(line, (byte) ' ', 0);
            int end = space < 0 ? line.length : space;
            // message-tags: the tag section counts with its '@' and the space that ends it.
            if (end + 1 > tagBytes) {
                throw new IrcParseException(Reason.TAGS_TOO_LONG, "*", "Input line was too long");
            }
            tags = parseTags(decode(line, 1, end));
            at = skipSpaces(line, end);
        }
        // RFC 1459 §2.3: 512 bytes counting CR LF, i.e. 510 of message.
        if (line.length - at + 2 > lineBytes) {
            throw new IrcParseException(Reason.INPUT_TOO_LONG, "*", "Input line was too long");
        }
        String source = null;
        if (at < line.length && line[at] == ':') {
            int space = indexOf(line, (byte) ' ', at);
            if (space < 0) {
                throw new IrcParseException(Reason.NO_COMMAND, "*", "No command");
            }
            source = decode(line, at + 1, space);
            at = skipSpaces(line, space);
        }
        if (at >= line.length) {
            throw new IrcParseException(Reason.NO_COMMAND, "*", "No command");
        }
        int commandEnd = indexOf(line, (byte) ' ', at);
        if (commandEnd < 0) {
            commandEnd = line.length;
        }
        String command = decode(line, at, commandEnd);
        if (command.isEmpty()) {
            throw new IrcParseException(Reason.NO_COMMAND, "*", "No command");
        }
        if (!isCommand(command)) {
            throw new IrcParseException(Reason.BAD_COMMAND, command, "Unknown command");
        }
        return new IrcMessage(tags, source, command.toUpperCase(Locale.ROOT), params(line, commandEnd));
    }

    /** Parses a line given as text (tests and clients). */
    public IrcMessage parse(String line) throws IrcParseException {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Modern IRC: NUL may appear nowhere; CR only as part of the line ending (RFC 1459 §2.3). */
    private static void checkBytes(byte[] line) throws IrcParseException {
        for (byte b : line) {
            if (b == 0) {
                throw new IrcParseException(Reason.NUL_BYTE, "*", "Line contains a NUL byte");
            }
            if (b == '\r') {
                throw new IrcParseException(Reason.BARE_CR, "*", "Line contains a bare CR");
            }
        }
    }

    /** message-tags: {@code tag *(';' tag)}, tag = key ['=' escaped value]; the last of a key wins. */
    private static Map<String, String> parseTags(String section) throws IrcParseException {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : section.split(";", -1)) {
            if (tag.isEmpty()) {
                continue;
            }
            int equals = tag.indexOf('=');
            String key = equals < 0 ? tag : tag.substring(0, equals);
            if (!MessageTags.isValidKey(key)) {
                throw new IrcParseException(Reason.BAD_TAGS, "*", "Invalid message tags");
            }
            tags.put(key, equals < 0 ? "" : MessageTags.unescape(tag.substring(equals + 1)));
        }
        if (tags.isEmpty()) {
            throw new IrcParseException(Reason.BAD_TAGS, "*", "Invalid message tags");
        }
        return tags;
    }

    /** Modern IRC: a command is letters, or exactly three digits. */
    private static boolean isCommand(String command) {
        if (command.length() == 3 && command.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return !command.isEmpty() && command.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    /** RFC 2812 §2.3.1: middles separated by spaces, then an optional ':' trailing. */
    private static List<String> params(byte[] line, int from) {
        List<String> params = new ArrayList<>();
        int at = skipSpaces(line, from);
        while (at < line.length) {
            if (line[at] == ':' || params.size() == MAX_MIDDLE_PARAMS) {
                int start = line[at] == ':' ? at + 1 : at;
                params.add(decode(line, start, line.length));
                break;
            }
            int space = indexOf(line, (byte) ' ', at);
            int end = space < 0 ? line.length : space;
            params.add(decode(line, at, end));
            at = skipSpaces(line, end);
        }
        return params;
    }

    private static int skipSpaces(byte[] line, int from) {
        int at = from;
        while (at < line.length && line[at] == ' ') {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] line, byte b, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** UTF-8 where it is valid, otherwise ISO-8859-1, so no byte is lost. */
    static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
