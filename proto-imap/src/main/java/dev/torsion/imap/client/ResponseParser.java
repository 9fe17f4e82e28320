package dev.torsion.imap.client;

import dev.torsion.imap.parse.ImapCommandLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a server response (RFC 3501 §7, §9 {@code response}) framed with its literals by the
 * same decoder the server uses for commands. Lenient where servers differ: atoms run to a space
 * or parenthesis, except inside {@code [...]} (section specs such as
 * {@code BODY[HEADER.FIELDS (SUBJECT)]}) and {@code <...>}.
 */
final class ResponseParser {
    private static final Set<String> STATUS = Set.of("OK", "NO", "BAD", "PREAUTH", "BYE");

    private final ImapCommandLine response;
    private int segment;
    private byte[] line;
    private int pos;

    private ResponseParser(ImapCommandLine response) {
        this.response = response;
        this.line = response.lines().get(0);
    }

    /** Parses one framed response; malformed data fails with IllegalArgumentException. */
    static ImapResponse parse(ImapCommandLine response) {
        byte[] first = response.lines().get(0);
        String head = new String(first, StandardCharsets.UTF_8);
        int space = head.indexOf(' ');
        String tag = space < 0 ? head : head.substring(0, space);
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("response without a tag");
        }
        if (tag.equals("+")) {
            return new ImapResponse("+", List.of(), null, null, space < 0 ? "" : head.substring(space + 1));
        }
        String rest = space < 0 ? "" : head.substring(space + 1);
        int second = rest.indexOf(' ');
        String word = (second < 0 ? rest : rest.substring(0, second)).toUpperCase(Locale.ROOT);
        if (STATUS.contains(word) && response.literals().isEmpty()) {
            return status(tag, word, second < 0 ? "" : rest.substring(second + 1));
        }
        ResponseParser parser = new ResponseParser(response);
        parser.pos = space + 1;
        return new ImapResponse(tag, parser.items(false), null, null, null);
    }

    /** {@code tag OK [CODE] text}. */
    private static ImapResponse status(String tag, String status, String rest) {
        String code = null;
        String text = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close > 0) {
                code = rest.substring(1, close);
                text = rest.substring(close + 1).strip();
            }
        }
        return new ImapResponse(tag, List.of(status), status, code, text);
    }

    private List<Object> items(boolean inList) {
        List<Object> items = new ArrayList<>();
        while (true) {
            while (peek() == ' ') {
                pos++;
            }
            int c = peek();
            if (c < 0) {
                if (inList) {
                    throw new IllegalArgumentException("unbalanced parenthesis in response");
                }
                return items;
            }
            if (c == ')') {
                if (!inList) {
                    throw new IllegalArgumentException("unbalanced parenthesis in response");
                }
                pos++;
                return items;
            }
            items.add(item());
        }
    }

    private Object item() {
        int c = peek();
        if (c == '(') {
            pos++;
            return items(true);
        }
        if (c == '"') {
            return quoted();
        }
        if (c == '~' && pos + 1 < line.length && line[pos + 1] == '{' && literalFollows()) {
            // literal8 (RFC 3516 §4.2, RFC 9051 §4.3.1): a BINARY fetch's octets that hold NUL.
            pos++;
        }
        if (peek() == '{' && literalFollows()) {
            byte[] octets = response.literals().get(segment);
            segment++;
            line = response.lines().get(segment);
            pos = 0;
            return octets;
        }
        String atom = atom();
        return atom.equalsIgnoreCase("NIL") ? null : atom;
    }

    private boolean literalFollows() {
        return segment < response.literals().size() && line[line.length - 1] == '}' && line.length > pos;
    }

    private String quoted() {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < line.length) {
            int b = line[pos++] & 0xff;
            if (b == '"') {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (b == '\\' && pos < line.length) {
                b = line[pos++] & 0xff;
            }
            out.write(b);
        }
        throw new IllegalArgumentException("unterminated quoted string in response");
    }

    private String atom() {
        int from = pos;
        int brackets = 0;
        while (pos < line.length) {
            int b = line[pos] & 0xff;
            if (b == '[' || b == '<') {
                brackets++;
            } else if ((b == ']' || b == '>') && brackets > 0) {
                brackets--;
            } else if (brackets == 0 && (b == ' ' || b == '(' || b == ')')) {
                break;
            }
            pos++;
        }
        if (pos == from) {
            throw new IllegalArgumentException("unexpected character in response");
        }
        return new String(line, from, pos - from, StandardCharsets.UTF_8);
    }

    private int peek() {
        return pos < line.length ? line[pos] & 0xff : -1;
    }
}
