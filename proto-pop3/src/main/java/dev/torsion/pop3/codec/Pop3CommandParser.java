package dev.torsion.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses POP3 command lines (without CR LF). Pure. */
public final class Pop3CommandParser {
    /** Longest argument (RFC 1939 §3: 40 characters), except PASS's. */
    public static final int MAX_ARGUMENT = 40;

    private Pop3CommandParser() {
    }

    /**
     * Parses {@code line}: a keyword of 3 or 4 letters (RFC 1939 §3; RFC 2449 allows extension
     * keywords of the same shape), then arguments separated by single spaces. PASS keeps the rest
     * of the line, spaces included, as its one argument (RFC 1939 §7). Control characters and
     * invalid UTF-8 are refused.
     */
    public static Pop3Command parse(byte[] line) throws Pop3SyntaxException {
        for (byte b : line) {
            if ((b >= 0 && b < 0x20) || b == 0x7f) {
                throw new Pop3SyntaxException("Control character in command");
            }
        }
        String text = utf8(line);
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        if (!keyword.matches("[A-Z0-9]{3,4}")) {
            throw new Pop3SyntaxException("Unknown command");
        }
        String rest = space < 0 ? "" : text.substring(space + 1);
        List<String> arguments = new ArrayList<>();
        if (keyword.equals("PASS")) {
            if (space >= 0) {
                arguments.add(rest);
            }
            return new Pop3Command(keyword, arguments);
        }
        if (space >= 0) {
            for (String argument : rest.split(" ", -1)) {
                if (argument.isEmpty() || argument.length() > MAX_ARGUMENT && !keyword.equals("AUTH")) {
                    throw new Pop3SyntaxException("Bad argument");
                }
                arguments.add(argument);
            }
        }
        return new Pop3Command(keyword, arguments);
    }

    /** A message number (RFC 1939 §5: decimal, from 1), or -1 when it is not one. */
    public static int messageNumber(String argument) {
        if (!argument.matches("[0-9]{1,9}")) {
            return -1;
        }
        int n = Integer.parseInt(argument);
        return n >= 1 ? n : -1;
    }

    private static String utf8(byte[] line) throws Pop3SyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new Pop3SyntaxException("Invalid UTF-8 in command");
        }
    }
}
