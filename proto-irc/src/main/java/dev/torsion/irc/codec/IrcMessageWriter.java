package dev.torsion.irc.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link IrcMessage}s as wire lines ending in CR LF (RFC 1459 §2.3). Pure: no I/O.
 *
 * <p>The last parameter is written as a trailing one ({@code :text}) when it is empty, holds a
 * space or starts with a colon; the others must be none of these. Tag values are escaped
 * ({@link MessageTags}). The message without tags is cut to {@code lineBytes} (CR LF included) by
 * shortening its last parameter at a UTF-8 character boundary, as servers do when a relayed
 * message grows by its longer source.
 */
public final class IrcMessageWriter {
    private final int lineBytes;

    /** A writer cutting messages (without tags) to {@code lineBytes}, CR LF included. */
    public IrcMessageWriter(int lineBytes) {
        this.lineBytes = lineBytes;
    }

    /** A writer with the standard limit, 512 bytes. */
    public static IrcMessageWriter standard() {
        return new IrcMessageWriter(512);
    }

    /** {@code message} as bytes, CR LF included. */
    public byte[] write(IrcMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        if (!message.tags().isEmpty()) {
            out.writeBytes(tags(message.tags()));
        }
        byte[] head = head(message);
        byte[] trailing = trailing(message);
        int room = lineBytes - 2 - head.length;
        out.writeBytes(head);
        if (trailing != null) {
            out.writeBytes(cut(trailing, Math.max(0, room)));
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code message} as a string without CR LF (tests and logs). */
    public String toLine(IrcMessage message) {
        byte[] bytes = write(message);
        return new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_8);
    }

    private static byte[] tags(Map<String, String> tags) {
        StringBuilder out = new StringBuilder("@");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!MessageTags.isValidKey(tag.getKey())) {
                throw new IllegalArgumentException("invalid tag key: " + tag.getKey());
            }
            if (out.length() > 1) {
                out.append(';');
            }
            out.append(tag.getKey());
            if (!tag.getValue().isEmpty()) {
                out.append('=').append(MessageTags.escape(tag.getValue()));
            }
        }
        return out.append(' ').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Source, command and the middle parameters, up to the space before the trailing one. */
    private static byte[] head(IrcMessage message) {
        StringBuilder out = new StringBuilder();
        if (message.source() != null) {
            checkWord(message.source());
            out.append(':').append(message.source()).append(' ');
        }
        checkWord(message.command());
        out.append(message.command());
        List<String> params = message.params();
        for (int i = 0; i < params.size() - 1; i++) {
            String param = params.get(i);
            checkWord(param);
            if (param.isEmpty() || param.startsWith(":")) {
                throw new IllegalArgumentException("only the last parameter may be empty or start with ':'");
            }
            out.append(' ').append(param);
        }
        if (!params.isEmpty()) {
            out.append(' ');
            String last = params.get(params.size() - 1);
            checkText(last);
            if (last.isEmpty() || last.indexOf(' ') >= 0 || last.startsWith(":")) {
                out.append(':');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] trailing(IrcMessage message) {
        return message.params().isEmpty() ? null : message.trailing().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkWord(String word) {
        checkText(word);
        if (word.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a space in a source, command or middle parameter: " + word);
        }
    }

    /** Modern IRC: no NUL, CR or LF anywhere in a message. */
    private static void checkText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("NUL, CR or LF in a message");
            }
        }
    }

    /** The first {@code max} bytes of {@code text}, not splitting a UTF-8 sequence. */
    static byte[] cut(byte[] text, int max) {
        if (text.length <= max) {
            return text;
        }
        int end = max;
        // Back up over continuation bytes (10xxxxxx) so that the cut falls before a lead byte.
        while (end > 0 && (text[end] & 0xC0) == 0x80) {
            end--;
        }
        byte[] out = new byte[end];
        System.arraycopy(text, 0, out, 0, end);
        return out;
    }
}
