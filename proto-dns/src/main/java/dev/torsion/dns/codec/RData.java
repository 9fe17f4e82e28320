package dev.torsion.dns.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The RDATA of one record: its type and its fields in the order of {@link RRType#layout(int)}.
 * Numbers are {@link Long}, names {@link Name}, octets {@code byte[]}, TXT's strings a list of
 * {@code byte[]}, type bit maps {@code int[]} and SVCB's params {@link SvcParams}. A type with no
 * layout holds one {@code byte[]}: its opaque RDATA (RFC 3597).
 */
public final class RData {
    private final int type;
    private final List<Object> fields;

    private RData(int type, List<Object> fields) {
        this.type = type;
        this.fields = fields;
    }

    /** RDATA of {@code type} from its fields; checks their kinds against the layout. */
    public static RData of(int type, Object... fields) {
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            if (fields.length != 1 || !(fields[0] instanceof byte[])) {
                throw new IllegalArgumentException("opaque RDATA takes one byte[]");
            }
            return new RData(type, List.of(fields[0]));
        }
        if (layout.size() != fields.length) {
            throw new IllegalArgumentException(RRType.toString(type) + " takes " + layout.size() + " fields");
        }
        for (int i = 0; i < fields.length; i++) {
            check(layout.get(i), fields[i]);
        }
        return new RData(type, List.of(fields));
    }

    /** Opaque RDATA of any type (RFC 3597); known types are decoded from it. */
    public static RData opaque(int type, byte[] data) throws DnsFormatException {
        if (RRType.layout(type) == null) {
            return new RData(type, List.of(data.clone()));
        }
        WireReader in = new WireReader(data, DnsFormatException.NO_HEADER, DnsFormatException.NO_HEADER);
        return read(type, in, data.length);
    }

    private static void check(FieldKind kind, Object value) {
        boolean ok = switch (kind) {
            case NAME, NAME_COMPRESSED -> value instanceof Name;
            case U8 -> value instanceof Long v && v >= 0 && v <= 0xff;
            case U16, TYPE -> value instanceof Long v && v >= 0 && v <= 0xffff;
            case U32, TIME -> value instanceof Long v && v >= 0 && v <= 0xffffffffL;
            case IPV4 -> value instanceof byte[] b && b.length == 4;
            case IPV6 -> value instanceof byte[] b && b.length == 16;
            case STRING, CAA_TAG, HEX_U8, BASE32_U8 -> value instanceof byte[] b && b.length <= 255;
            case STRINGS -> value instanceof List<?> l && !l.isEmpty()
                    && l.stream().allMatch(s -> s instanceof byte[] b && b.length <= 255);
            case TEXT_REST, BASE64_REST, HEX_REST -> value instanceof byte[];
            case TYPE_BITMAP -> value instanceof int[];
            case SVC_PARAMS -> value instanceof SvcParams;
        };
        if (!ok) {
            throw new IllegalArgumentException("bad value for a " + kind + " field: " + value);
        }
    }

    /** The type. */
    public int type() {
        return type;
    }

    /** The fields, in layout order. */
    public List<Object> fields() {
        return fields;
    }

    /** Field {@code index} as a name. */
    public Name name(int index) {
        return (Name) fields.get(index);
    }

    /** Field {@code index} as a number. */
    public long number(int index) {
        return (Long) fields.get(index);
    }

    /** Field {@code index} as octets (a copy). */
    public byte[] bytes(int index) {
        return ((byte[]) fields.get(index)).clone();
    }

    /** TXT's strings. */
    @SuppressWarnings("unchecked")
    public List<byte[]> strings(int index) {
        return (List<byte[]>) fields.get(index);
    }

    // ------------------------------------------------------------------ wire

    /** Reads {@code length} octets of RDATA of {@code type} (RFC 1035 section 3.3, RFC 3597 for the unknown). */
    public static RData read(int type, WireReader in, int length) throws DnsFormatException {
        int end = in.position() + length;
        if (length > in.remaining()) {
            throw in.error("RDLENGTH " + length + " beyond the message");
        }
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            return new RData(type, List.of(in.bytes(length)));
        }
        List<Object> values = new ArrayList<>(layout.size());
        for (FieldKind kind : layout) {
            values.add(readField(kind, in, end));
            if (in.position() > end) {
                throw in.error(RRType.toString(type) + " RDATA overruns its RDLENGTH");
            }
        }
        if (in.position() != end) {
            throw in.error(RRType.toString(type) + " RDATA shorter than its RDLENGTH");
        }
        return new RData(type, List.copyOf(values));
    }

    private static Object readField(FieldKind kind, WireReader in, int end) throws DnsFormatException {
        return switch (kind) {
            case NAME, NAME_COMPRESSED -> in.name();
            case U8 -> (long) in.u8();
            case U16, TYPE -> (long) in.u16();
            case U32, TIME -> in.u32();
            case IPV4 -> in.bytes(4);
            case IPV6 -> in.bytes(16);
            case STRING, HEX_U8, BASE32_U8 -> in.bytes(in.u8());
            case CAA_TAG -> readCaaTag(in);
            case STRINGS -> readStrings(in, end);
            case TEXT_REST, BASE64_REST, HEX_REST -> in.bytes(Math.max(0, end - in.position()));
            case TYPE_BITMAP -> readBitmap(in, end);
            case SVC_PARAMS -> SvcParams.read(in, end);
        };
    }

    private static byte[] readCaaTag(WireReader in) throws DnsFormatException {
        byte[] tag = in.bytes(in.u8());
        // RFC 8659 section 4.1: the tag is 1 to 15 alphanumerics.
        if (tag.length == 0 || !new String(tag, StandardCharsets.ISO_8859_1).matches("[A-Za-z0-9]+")) {
            throw in.error("CAA tag is not alphanumeric");
        }
        return tag;
    }

    private static List<byte[]> readStrings(WireReader in, int end) throws DnsFormatException {
        List<byte[]> strings = new ArrayList<>();
        do {
            strings.add(in.bytes(in.u8()));
        } while (in.position() < end);
        return List.copyOf(strings);
    }

    /** RFC 4034 section 4.1.2: windows in increasing order, 1 to 32 octets each, no trailing zero octet. */
    private static int[] readBitmap(WireReader in, int end) throws DnsFormatException {
        TreeSet<Integer> types = new TreeSet<>();
        int lastWindow = -1;
        while (in.position() < end) {
            int window = in.u8();
            int length = in.u8();
            if (window <= lastWindow || length == 0 || length > 32) {
                throw in.error("bad type bit map window");
            }
            byte[] bits = in.bytes(length);
            for (int i = 0; i < length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    if ((bits[i] & (0x80 >> bit)) != 0) {
                        types.add(window * 256 + i * 8 + bit);
                    }
                }
            }
            lastWindow = window;
        }
        return types.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes the RDATA (without RDLENGTH); names of RFC 1035 types are compressed. */
    public void write(WireWriter out) {
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            out.bytes((byte[]) fields.get(0));
            return;
        }
        for (int i = 0; i < layout.size(); i++) {
            writeField(layout.get(i), fields.get(i), out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeField(FieldKind kind, Object value, WireWriter out) {
        switch (kind) {
            case NAME -> out.name((Name) value, false);
            case NAME_COMPRESSED -> out.name((Name) value, true);
            case U8 -> out.u8(((Long) value).intValue());
            case U16, TYPE -> out.u16(((Long) value).intValue());
            case U32, TIME -> out.u32((Long) value);
            case IPV4, IPV6, TEXT_REST, BASE64_REST, HEX_REST -> out.bytes((byte[]) value);
            case STRING, CAA_TAG, HEX_U8, BASE32_U8 -> {
                byte[] b = (byte[]) value;
                out.u8(b.length);
                out.bytes(b);
            }
            case STRINGS -> {
                for (byte[] s : (List<byte[]>) value) {
                    out.u8(s.length);
                    out.bytes(s);
                }
            }
            case TYPE_BITMAP -> writeBitmap((int[]) value, out);
            case SVC_PARAMS -> ((SvcParams) value).write(out);
        }
    }

    private static void writeBitmap(int[] types, WireWriter out) {
        int i = 0;
        while (i < types.length) {
            int window = types[i] >> 8;
            byte[] bits = new byte[32];
            int max = 0;
            while (i < types.length && types[i] >> 8 == window) {
                int low = types[i] & 0xff;
                bits[low / 8] |= (byte) (0x80 >> (low % 8));
                max = Math.max(max, low / 8 + 1);
                i++;
            }
            out.u8(window);
            out.u8(max);
            out.bytes(Arrays.copyOf(bits, max));
        }
    }

    /** The uncompressed wire form with names lowercased: what two RDATAs are compared by. */
    public byte[] canonicalWire() {
        WireWriter out = new WireWriter(64);
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            return ((byte[]) fields.get(0)).clone();
        }
        for (int i = 0; i < layout.size(); i++) {
            FieldKind kind = layout.get(i);
            Object value = fields.get(i);
            if (kind == FieldKind.NAME || kind == FieldKind.NAME_COMPRESSED) {
                out.name(((Name) value).toLowerCase(), false);
            } else {
                writeField(kind, value, out);
            }
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ presentation

    /** Presentation form (RFC 1035 section 5.1 and each type's RFC); unknown types as {@code \# len hex} (RFC 3597 section 5). */
    @Override
    public String toString() {
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            byte[] data = (byte[]) fields.get(0);
            return data.length == 0 ? "\\# 0" : "\\# " + data.length + " " + Presentation.hex(data);
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            String word = formatField(layout.get(i), fields.get(i));
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    @SuppressWarnings("unchecked")
    private static String formatField(FieldKind kind, Object value) {
        return switch (kind) {
            case NAME, NAME_COMPRESSED -> value.toString();
            case U8, U16, U32 -> value.toString();
            case TYPE -> RRType.toString(((Long) value).intValue());
            case TIME -> Presentation.time((Long) value);
            case IPV4, IPV6 -> Presentation.address((byte[]) value);
            case STRING, TEXT_REST -> Presentation.quote((byte[]) value);
            case CAA_TAG -> new String((byte[]) value, StandardCharsets.ISO_8859_1);
            case STRINGS -> String.join(" ", ((List<byte[]>) value).stream().map(Presentation::quote).toList());
            case BASE64_REST -> Presentation.base64((byte[]) value);
            case HEX_REST -> ((byte[]) value).length == 0 ? "" : Presentation.hex((byte[]) value);
            case HEX_U8 -> ((byte[]) value).length == 0 ? "-" : Presentation.hex((byte[]) value);
            case BASE32_U8 -> Presentation.base32hex((byte[]) value).toUpperCase(Locale.ROOT);
            case TYPE_BITMAP -> String.join(" ", Arrays.stream((int[]) value).mapToObj(RRType::toString).toList());
            case SVC_PARAMS -> value.toString();
        };
    }

    /**
     * Parses presentation form from a zone file's tokens; relative names are made absolute under
     * {@code origin}. Throws {@link IllegalArgumentException} with the reason.
     */
    public static RData parse(int type, List<Token> tokens, Name origin) {
        if (!tokens.isEmpty() && !tokens.get(0).quoted() && tokens.get(0).text().equals("\\#")) {
            return parseGeneric(type, tokens);
        }
        List<FieldKind> layout = RRType.layout(type);
        if (layout == null) {
            throw new IllegalArgumentException("type " + RRType.toString(type) + " needs the \\# generic form");
        }
        List<Object> values = new ArrayList<>(layout.size());
        int next = 0;
        for (FieldKind kind : layout) {
            boolean rest = isRest(kind);
            if (!rest && next >= tokens.size()) {
                throw new IllegalArgumentException(RRType.toString(type) + " is missing a " + kind + " field");
            }
            List<Token> taken = rest ? tokens.subList(next, tokens.size()) : tokens.subList(next, next + 1);
            values.add(parseField(kind, taken, origin));
            next += taken.size();
        }
        if (next < tokens.size()) {
            throw new IllegalArgumentException("extra text after " + RRType.toString(type) + " RDATA: " + tokens.get(next).text());
        }
        RData parsed = of(type, values.toArray());
        return parsed;
    }

    private static boolean isRest(FieldKind kind) {
        return kind == FieldKind.STRINGS || kind == FieldKind.BASE64_REST || kind == FieldKind.HEX_REST
                || kind == FieldKind.TYPE_BITMAP || kind == FieldKind.SVC_PARAMS;
    }

    private static RData parseGeneric(int type, List<Token> tokens) {
        if (tokens.size() < 2) {
            throw new IllegalArgumentException("\\# needs a length");
        }
        int length = Integer.parseInt(tokens.get(1).text());
        StringBuilder hex = new StringBuilder();
        for (Token t : tokens.subList(2, tokens.size())) {
            hex.append(t.text());
        }
        byte[] data = Presentation.parseHex(hex.toString());
        if (data.length != length) {
            throw new IllegalArgumentException("\\# length " + length + " but " + data.length + " octets");
        }
        try {
            return opaque(type, data);
        } catch (DnsFormatException e) {
            throw new IllegalArgumentException("\\# data is not valid " + RRType.toString(type) + ": " + e.getMessage(), e);
        }
    }

    private static Object parseField(FieldKind kind, List<Token> tokens, Name origin) {
        String text = tokens.isEmpty() ? "" : tokens.get(0).text();
        return switch (kind) {
            case NAME, NAME_COMPRESSED -> Name.parse(text, origin);
            case U8 -> number(text, 0xff);
            case U16 -> number(text, 0xffff);
            case U32 -> number(text, 0xffffffffL);
            case TYPE -> (long) RRType.parse(text);
            case TIME -> Presentation.parseTime(text);
            case IPV4 -> Presentation.parseAddress(text, 4);
            case IPV6 -> Presentation.parseAddress(text, 16);
            case STRING, TEXT_REST -> limited(Presentation.unescape(text), kind == FieldKind.STRING ? 255 : 65535);
            case CAA_TAG -> {
                if (!text.matches("[A-Za-z0-9]{1,15}")) {
                    throw new IllegalArgumentException("CAA tag must be 1 to 15 alphanumerics");
                }
                yield text.getBytes(StandardCharsets.ISO_8859_1);
            }
            case STRINGS -> {
                if (tokens.isEmpty()) {
                    throw new IllegalArgumentException("TXT needs at least one string");
                }
                yield List.copyOf(tokens.stream().map(t -> limited(Presentation.unescape(t.text()), 255)).toList());
            }
            case BASE64_REST -> Presentation.parseBase64(join(tokens));
            case HEX_REST -> Presentation.parseHex(join(tokens));
            case HEX_U8 -> text.equals("-") ? new byte[0] : limited(Presentation.parseHex(text), 255);
            case BASE32_U8 -> limited(Presentation.parseBase32hex(text), 255);
            case TYPE_BITMAP -> tokens.stream().mapToInt(t -> RRType.parse(t.text())).sorted().distinct().toArray();
            case SVC_PARAMS -> SvcParams.parse(tokens);
        };
    }

    private static byte[] limited(byte[] value, int max) {
        if (value.length > max) {
            throw new IllegalArgumentException("string of " + value.length + " octets (" + max + " allowed)");
        }
        return value;
    }

    private static long number(String text, long max) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 10) {
            throw new IllegalArgumentException("not a number: " + text);
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException(text + " is above " + max);
        }
        return value;
    }

    private static String join(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.text());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RData other && other.type == type && Arrays.equals(canonicalWire(), other.canonicalWire());
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(canonicalWire());
    }
}
