package dev.torsion.dns.zone;

import dev.torsion.dns.codec.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits master-file text into entries of tokens (RFC 1035 section 5.1): whitespace separates,
 * {@code ;} starts a comment, parentheses let an entry span lines, double quotes keep spaces, a
 * backslash escapes the next character (kept in the token for names and strings to undo). Each
 * entry records whether its line began with a blank (the owner is then the previous one).
 */
final class ZoneTokenizer {
    /**
     * One entry.
     *
     * @param line the line it starts on
     * @param startsBlank whether the line began with a space or tab
     * @param tokens its tokens
     */
    record Entry(int line, boolean startsBlank, List<Token> tokens) {
    }

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;

    ZoneTokenizer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** The next entry with at least one token, or null at the end. */
    Entry next() throws ZoneFileException {
        while (pos < text.length()) {
            int startLine = line;
            boolean blank = pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t');
            List<Token> tokens = readEntry();
            if (!tokens.isEmpty()) {
                return new Entry(startLine, blank, tokens);
            }
        }
        return null;
    }

    private List<Token> readEntry() throws ZoneFileException {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int openLine = line;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                if (depth == 0) {
                    return tokens;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '(') {
                if (depth++ == 0) {
                    openLine = line;
                }
                pos++;
            } else if (c == ')') {
                if (depth == 0) {
                    throw new ZoneFileException(file, line, "unbalanced )");
                }
                depth--;
                pos++;
            } else if (c == '"') {
                tokens.add(new Token(readQuoted(), true));
            } else {
                tokens.add(Token.of(readWord()));
            }
        }
        if (depth > 0) {
            throw new ZoneFileException(file, openLine, "( not closed");
        }
        return tokens;
    }

    private String readQuoted() throws ZoneFileException {
        int start = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                sb.append(c).append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
            pos++;
        }
        throw new ZoneFileException(file, start, "quoted string not closed");
    }

    private String readWord() {
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                sb.append(c).append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == '"' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '=') {
                // RFC 9460 section 2.1: a SvcParam value may be quoted right after its "=".
                int close = text.indexOf('"', pos + 1);
                while (close > 0 && text.charAt(close - 1) == '\\') {
                    close = text.indexOf('"', close + 1);
                }
                if (close > 0) {
                    sb.append(text, pos, close + 1);
                    pos = close + 1;
                    continue;
                }
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '(' || c == ')' || c == '"') {
                break;
            }
            sb.append(c);
            pos++;
        }
        return sb.toString();
    }
}
