package dev.torsion.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fetch-att grammar of RFC 3501 §9, with BODY[section]&lt;partial&gt; and BODY.PEEK. */
final class FetchItemParser {
    private FetchItemParser() {
    }

    /** ALL, FAST, FULL (RFC 3501 §6.4.5 macros) or one item. */
    static List<FetchItem> macroOrItem(ImapReader in) throws ImapParseException {
        List<FetchItem> base = List.of(simple(FetchItem.Kind.FLAGS), simple(FetchItem.Kind.INTERNALDATE),
                simple(FetchItem.Kind.RFC822_SIZE));
        String word = peekWord(in);
        switch (word) {
            case "ALL" -> {
                in.token(Chars::isAtomChar);
                List<FetchItem> items = new ArrayList<>(base);
                items.add(simple(FetchItem.Kind.ENVELOPE));
                return items;
            }
            case "FAST" -> {
                in.token(Chars::isAtomChar);
                return base;
            }
            case "FULL" -> {
                in.token(Chars::isAtomChar);
                List<FetchItem> items = new ArrayList<>(base);
                items.add(simple(FetchItem.Kind.ENVELOPE));
                items.add(simple(FetchItem.Kind.BODY));
                return items;
            }
            default -> {
                return List.of(item(in));
            }
        }
    }

    private static FetchItem simple(FetchItem.Kind kind) {
        return new FetchItem.Simple(kind);
    }

    /** The next word, not consumed: the caller consumes it once it knows what it is. */
    private static String peekWord(ImapReader in) {
        return in.lookahead(c -> Chars.isAtomChar(c) && c != '[' && c != '<').toUpperCase(Locale.ROOT);
    }

    /** One fetch-att. */
    static FetchItem item(ImapReader in) throws ImapParseException {
        String word = in.token(c -> Chars.isAtomChar(c) && c != '[' && c != '<').toUpperCase(Locale.ROOT);
        switch (word) {
            case "FLAGS":
                return simple(FetchItem.Kind.FLAGS);
            case "INTERNALDATE":
                return simple(FetchItem.Kind.INTERNALDATE);
            case "RFC822.SIZE":
                return simple(FetchItem.Kind.RFC822_SIZE);
            case "ENVELOPE":
                return simple(FetchItem.Kind.ENVELOPE);
            case "BODYSTRUCTURE":
                return simple(FetchItem.Kind.BODYSTRUCTURE);
            case "UID":
                return simple(FetchItem.Kind.UID);
            case "MODSEQ":
                return simple(FetchItem.Kind.MODSEQ);
            case "RFC822":
                return new FetchItem.Section(false, List.of(), FetchItem.SectionText.ALL, List.of(), -1, 0, "RFC822");
            case "RFC822.HEADER":
                return new FetchItem.Section(true, List.of(), FetchItem.SectionText.HEADER, List.of(), -1, 0, "RFC822.HEADER");
            case "RFC822.TEXT":
                return new FetchItem.Section(false, List.of(), FetchItem.SectionText.TEXT, List.of(), -1, 0, "RFC822.TEXT");
            case "BODY":
                return in.peek() == '[' ? section(in, false) : simple(FetchItem.Kind.BODY);
            case "BODY.PEEK":
                if (in.peek() != '[') {
                    throw in.bad("Expected a section after BODY.PEEK");
                }
                return section(in, true);
            case "BINARY", "BINARY.PEEK":
                return binary(in, word.equals("BINARY.PEEK"));
            case "BINARY.SIZE": {
                List<Integer> part = binarySection(in);
                return new FetchItem.BinarySize(part, "BINARY.SIZE[" + joinPart(part) + "]");
            }
            default:
                throw in.bad(word.isEmpty() ? "Missing fetch attribute" : "Unknown fetch attribute");
        }
    }

    /** section ["<" number "." nz-number ">"] (RFC 3501 §9). */
    private static FetchItem section(ImapReader in, boolean peek) throws ImapParseException {
        in.expect('[');
        List<Integer> part = new ArrayList<>();
        StringBuilder name = new StringBuilder("BODY[");
        FetchItem.SectionText text = FetchItem.SectionText.ALL;
        List<String> fields = new ArrayList<>();
        while (in.peek() >= '0' && in.peek() <= '9') {
            long n = in.nzNumber();
            if (n > 10_000) {
                throw in.bad("Section part number too big");
            }
            part.add((int) n);
            if (!in.tryChar('.')) {
                break;
            }
            if (!(in.peek() >= '0' && in.peek() <= '9')) {
                text = sectionText(in, true, fields);
                break;
            }
        }
        if (part.isEmpty() && in.peek() != ']') {
            text = sectionText(in, false, fields);
        }
        in.expect(']');
        name.append(joinPart(part));
        if (text != FetchItem.SectionText.ALL) {
            name.append(part.isEmpty() ? "" : ".").append(text.name().replace('_', '.'));
            if (!fields.isEmpty()) {
                name.append(" (").append(String.join(" ", fields)).append(')');
            }
        }
        name.append(']');
        long origin = -1;
        long length = 0;
        if (in.tryChar('<')) {
            origin = in.number();
            in.expect('.');
            length = in.nzNumber();
            in.expect('>');
            name.append('<').append(origin).append('>');
        }
        return new FetchItem.Section(peek, part, text, fields, origin, length, name.toString());
    }

    /** BINARY[.PEEK] section-binary [partial] (RFC 3516 §4.2, RFC 9051 §9). */
    private static FetchItem binary(ImapReader in, boolean peek) throws ImapParseException {
        List<Integer> part = binarySection(in);
        StringBuilder name = new StringBuilder("BINARY[").append(joinPart(part)).append(']');
        long origin = -1;
        long length = 0;
        if (in.tryChar('<')) {
            origin = in.number();
            in.expect('.');
            length = in.nzNumber();
            in.expect('>');
            name.append('<').append(origin).append('>');
        }
        return new FetchItem.Binary(peek, part, origin, length, name.toString());
    }

    /** section-binary: {@code "[" [nz-number *("." nz-number)] "]"}, part numbers only (RFC 9051 §9). */
    private static List<Integer> binarySection(ImapReader in) throws ImapParseException {
        if (in.peek() != '[') {
            throw in.bad("Expected a section");
        }
        in.expect('[');
        List<Integer> part = new ArrayList<>();
        while (in.peek() != ']') {
            if (!part.isEmpty()) {
                in.expect('.');
            }
            if (in.peek() < '1' || in.peek() > '9') {
                // RFC 3516 §4.2: BINARY takes part numbers only, no HEADER, TEXT or MIME.
                throw in.bad("Invalid binary section");
            }
            long n = in.nzNumber();
            if (n > 10_000) {
                throw in.bad("Section part number too big");
            }
            part.add((int) n);
        }
        in.expect(']');
        return part;
    }

    private static String joinPart(List<Integer> part) {
        StringBuilder out = new StringBuilder();
        for (int n : part) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(n);
        }
        return out.toString();
    }

    /** HEADER, HEADER.FIELDS[.NOT] (list), TEXT, or MIME after a part number. */
    private static FetchItem.SectionText sectionText(ImapReader in, boolean afterPart, List<String> fields) throws ImapParseException {
        String word = in.token(c -> Chars.isAtomChar(c) && c != ']').toUpperCase(Locale.ROOT);
        switch (word) {
            case "HEADER":
                return FetchItem.SectionText.HEADER;
            case "TEXT":
                return FetchItem.SectionText.TEXT;
            case "MIME":
                if (!afterPart) {
                    throw in.bad("MIME needs a part number");
                }
                return FetchItem.SectionText.MIME;
            case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
                in.sp();
                in.open();
                do {
                    fields.add(in.utf8(in.astring()).toUpperCase(Locale.ROOT));
                } while (in.trySp());
                in.close();
                return word.endsWith(".NOT") ? FetchItem.SectionText.HEADER_FIELDS_NOT : FetchItem.SectionText.HEADER_FIELDS;
            default:
                throw in.bad("Invalid section");
        }
    }
}
