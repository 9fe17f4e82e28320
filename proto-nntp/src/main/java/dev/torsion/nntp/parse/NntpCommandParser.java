package dev.torsion.nntp.parse;

import dev.torsion.nntp.NntpLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses NNTP command lines (without their CR LF). Pure. */
public final class NntpCommandParser {
    private NntpCommandParser() {
    }

    /**
     * Parses {@code line}. RFC 3977 §3.1: a keyword of printable US-ASCII, case-insensitive,
     * arguments separated by one or more spaces or tabs, each at most 497 octets, UTF-8 text, no
     * NUL, CR or LF. {@code AUTHINFO PASS} keeps the rest of its line (spaces included) as one
     * argument, since a password may hold spaces (RFC 4643 §2.3.2).
     *
     * @throws NntpSyntaxException 501 for control characters, invalid UTF-8 or an over-long
     *     argument, 500 for an empty line or a keyword that is not a word
     */
    public static NntpCommand parse(byte[] line, NntpLimits limits) throws NntpSyntaxException {
        for (byte b : line) {
            if (b == 0 || b == '\r' || b == '\n') {
                throw new NntpSyntaxException(501, "Control character in command");
            }
        }
        String text = utf8(line);
        List<String> words = split(text);
        if (words.isEmpty()) {
            throw new NntpSyntaxException(500, "Empty command");
        }
        String keyword = words.get(0).toUpperCase(Locale.ROOT);
        if (!keyword.matches("[A-Z][A-Z0-9.\\-]{0,19}")) {
            throw new NntpSyntaxException(500, "Unknown command");
        }
        List<String> arguments = words.subList(1, words.size());
        if (keyword.equals("AUTHINFO") && arguments.size() >= 2 && arguments.get(0).equalsIgnoreCase("PASS")) {
            return new NntpCommand(keyword, List.of(arguments.get(0), restAfter(text, 2)));
        }
        for (String argument : arguments) {
            if (argument.getBytes(StandardCharsets.UTF_8).length > limits.argumentLength()) {
                throw new NntpSyntaxException(501, "Argument too long");
            }
        }
        return new NntpCommand(keyword, arguments);
    }

    /** The words of {@code text}: runs of characters other than space and tab (RFC 3977 §3.1). */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isBlank(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isBlank(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    /** The text after the first {@code skip} words and the blanks that follow them. */
    private static String restAfter(String text, int skip) {
        int i = 0;
        for (int word = 0; word < skip; word++) {
            while (i < text.length() && isBlank(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && !isBlank(text.charAt(i))) {
                i++;
            }
        }
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String utf8(byte[] line) throws NntpSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new NntpSyntaxException(501, "Invalid UTF-8 in command");
        }
    }
}
