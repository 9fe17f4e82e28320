package dev.torsion.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Reads the tokens of one command (RFC 3501 §9): atoms, numbers, quoted strings and literals,
 * parentheses with a nesting limit. A literal is recognised where a line ends with its
 * announcement; the reader then continues in the literal's octets and the next line.
 */
final class ImapReader {
    private final ImapCommandLine command;
    private final int maxDepth;
    private String tag;
    private int segment;
    private byte[] line;
    private int pos;
    private int depth;

    ImapReader(ImapCommandLine command, int maxDepth) {
        this.command = command;
        this.maxDepth = maxDepth;
        this.line = command.lines().get(0);
    }

    void tag(String newTag) {
        this.tag = newTag;
    }

    String tag() {
        return tag;
    }

    ImapParseException bad(String text) {
        return ImapParseException.bad(tag, text);
    }

    /** The next octet of the current line, or -1 at its end. */
    int peek() {
        return pos < line.length ? line[pos] & 0xff : -1;
    }

    boolean atEnd() {
        return pos >= line.length && segment == command.literals().size();
    }

    void end() throws ImapParseException {
        if (!atEnd()) {
            throw bad("Unexpected characters at end of command");
        }
    }

    void sp() throws ImapParseException {
        if (peek() != ' ') {
            throw bad(atEnd() ? "Missing argument" : "Expected a space");
        }
        pos++;
    }

    /** Takes a space when one follows. */
    boolean trySp() {
        if (peek() == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) throws ImapParseException {
        if (peek() != c) {
            throw bad("Expected '" + c + "'");
        }
        pos++;
    }

    boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Opens a parenthesised list, counting its depth. */
    void open() throws ImapParseException {
        expect('(');
        if (++depth > maxDepth) {
            throw new ImapParseException(tag, ReplyKind.BAD, "LIMIT", "Too deeply nested");
        }
    }

    void close() throws ImapParseException {
        expect(')');
        depth--;
    }

    /** Counts a level of nesting without a parenthesis (NOT, OR in SEARCH). */
    void enter() throws ImapParseException {
        if (++depth > maxDepth) {
            throw new ImapParseException(tag, ReplyKind.BAD, "LIMIT", "Too deeply nested");
        }
    }

    void leave() {
        depth--;
    }

    /** atom: 1*ATOM-CHAR. */
    String atom() throws ImapParseException {
        int from = pos;
        while (pos < line.length && Chars.isAtomChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == from) {
            throw bad(atEnd() ? "Missing argument" : "Expected an atom");
        }
        return ascii(from, pos);
    }

    /** Octets while {@code accept} holds (used for tokens with their own character sets). */
    String token(IntPredicate accept) {
        int from = pos;
        while (pos < line.length && accept.test(line[pos] & 0xff)) {
            pos++;
        }
        return ascii(from, pos);
    }

    /** The octets {@link #token} would take, without taking them. */
    String lookahead(IntPredicate accept) {
        int end = pos;
        while (end < line.length && accept.test(line[end] & 0xff)) {
            end++;
        }
        return ascii(pos, end);
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    /** astring: 1*ASTRING-CHAR or a string. */
    byte[] astring() throws ImapParseException {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int from = pos;
        // 8-bit octets are taken in atoms as Dovecot takes them: Python's imaplib sends SEARCH CHARSET UTF-8 text unquoted.
        while (pos < line.length && (Chars.isAstringChar(line[pos] & 0xff) || (line[pos] & 0x80) != 0)) {
            pos++;
        }
        if (pos == from) {
            throw bad(atEnd() ? "Missing argument" : "Expected a string");
        }
        return Arrays.copyOfRange(line, from, pos);
    }

    String astringUtf8() throws ImapParseException {
        return utf8(astring());
    }

    /** A list-mailbox (RFC 3501 §9): list-chars (wildcards allowed) or a string. */
    byte[] listMailbox() throws ImapParseException {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int from = pos;
        while (pos < line.length && Chars.isListChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == from) {
            throw bad("Expected a mailbox pattern");
        }
        return Arrays.copyOfRange(line, from, pos);
    }

    /** string: quoted or literal. */
    byte[] string() throws ImapParseException {
        if (peek() == '"') {
            return quoted();
        }
        if (peek() == '{') {
            return literal();
        }
        throw bad("Expected a string");
    }

    /** nstring: NIL or a string. */
    byte[] nstring() throws ImapParseException {
        if (peek() == '"' || peek() == '{') {
            return string();
        }
        String nil = atom();
        if (!nil.equalsIgnoreCase("NIL")) {
            throw bad("Expected a string or NIL");
        }
        return null;
    }

    /** quoted (RFC 3501 §9): {@code "} *QUOTED-CHAR {@code "}, with {@code \\} and {@code \"} escapes. */
    private byte[] quoted() throws ImapParseException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < line.length) {
            int b = line[pos++] & 0xff;
            if (b == '"') {
                return out.toByteArray();
            }
            if (b == '\\') {
                if (pos >= line.length || (line[pos] != '"' && line[pos] != '\\')) {
                    throw bad("Invalid escape in quoted string");
                }
                b = line[pos++];
            } else if (b == 0) {
                throw bad("NUL in quoted string");
            }
            out.write(b);
        }
        throw bad("Unterminated quoted string");
    }

    /** A literal: the announcement must end the line; its octets are the literal that follows. */
    private byte[] literal() throws ImapParseException {
        LiteralHeader header = LiteralHeader.at(Arrays.copyOfRange(line, pos, line.length));
        if (header == null || segment >= command.literals().size()) {
            throw bad("Invalid literal");
        }
        byte[] octets = command.literals().get(segment);
        segment++;
        line = command.lines().get(segment);
        pos = 0;
        for (byte b : octets) {
            if (b == 0) {
                // RFC 3501 §4.3: literal8 (BINARY) may carry NUL; plain literals may not.
                throw bad("NUL in literal");
            }
        }
        return octets;
    }

    /** A literal or quoted string whose octets may include NUL (APPEND's message, RFC 3501 §9 allows none, but clients send them). */
    byte[] messageLiteral() throws ImapParseException {
        if (peek() == '~') {
            // literal8 (RFC 3516 §4.1, RFC 9051 §6.3.12): APPEND of a message that may hold any octet.
            pos++;
        }
        if (peek() != '{') {
            throw bad("Expected a literal");
        }
        LiteralHeader header = LiteralHeader.at(Arrays.copyOfRange(line, pos, line.length));
        if (header == null || segment >= command.literals().size()) {
            throw bad("Invalid literal");
        }
        byte[] octets = command.literals().get(segment);
        segment++;
        line = command.lines().get(segment);
        pos = 0;
        return octets;
    }

    /** number: 1*DIGIT fitting 32 bits unsigned (RFC 3501 §9). */
    long number() throws ImapParseException {
        int from = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        if (pos == from || pos - from > 10) {
            throw bad("Expected a number");
        }
        long n = Long.parseLong(ascii(from, pos));
        if (n > 0xFFFF_FFFFL) {
            throw bad("Number too big");
        }
        return n;
    }

    /**
     * A mod-sequence (RFC 7162 §7): {@code mod-sequence-value} is 1 to 2^63-1, {@code
     * mod-sequence-valzer} (UNCHANGEDSINCE, CHANGEDSINCE, SEARCH MODSEQ) allows 0 too.
     */
    long modSequence(boolean zeroAllowed) throws ImapParseException {
        int from = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        String digits = ascii(from, pos);
        if (digits.isEmpty() || digits.length() > 19 || (digits.length() == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) > 0)) {
            throw bad("Invalid mod-sequence");
        }
        long n = Long.parseLong(digits);
        if (n == 0 && !zeroAllowed) {
            throw bad("Invalid mod-sequence");
        }
        return n;
    }

    /** nz-number. */
    long nzNumber() throws ImapParseException {
        long n = number();
        if (n == 0) {
            throw bad("Expected a non-zero number");
        }
        return n;
    }

    /** A keyword in upper case (atoms compare case-insensitively, RFC 3501 §9 note 3). */
    String keyword() throws ImapParseException {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** Strict UTF-8 (RFC 6855 allows it in strings once enabled; we accept it always in astrings). */
    String utf8(byte[] bytes) throws ImapParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad("Invalid UTF-8");
        }
    }
}
