package dev.torsion.http.h2.hpack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes header blocks (RFC 7541 section 6) without a dynamic table: a field in the static table
 * is indexed, others are literals without indexing (with the static name's index when there is
 * one), Huffman-coded when that is shorter. Every block this encoder has not yet told the peer
 * so starts with a table size update to 0 (section 6.3), so that what the peer's SETTINGS say
 * about its table never matters, and no header value can be probed through the table (the
 * CRIME-style attacks of section 7.1 need one).
 *
 * <p>Without a table the octets of a field depend on the field alone, so the encoder keeps the last
 * ones it wrote for each name (up to {@value #MAX_REMEMBERED_NAMES} names): a response's status,
 * content-type, server and date (which changes once a second) are looked up and Huffman-coded once,
 * not on every response.
 */
public final class HpackEncoder {
    private static final Map<String, Integer> STATIC_FIELDS = new HashMap<>();
    private static final Map<String, Integer> STATIC_NAMES = new HashMap<>();

    static {
        for (int i = HpackTables.STATIC.length - 1; i >= 0; i--) {
            String[] entry = HpackTables.STATIC[i];
            STATIC_FIELDS.put(entry[0] + '\0' + entry[1], i + 1);
            STATIC_NAMES.put(entry[0], i + 1);
        }
    }

    /** Names beyond these many (a site sending ever new names) are encoded each time, never remembered. */
    static final int MAX_REMEMBERED_NAMES = 64;

    private boolean sizeUpdatePending = true;
    private final Map<String, Encoded> lastEncoded = new HashMap<>();

    /** A field's value and its octets in a block. */
    private record Encoded(String value, byte[] octets) {
    }

    /** The peer changed SETTINGS_HEADER_TABLE_SIZE: the next block says again that no table is used. */
    public void tableSizeChanged() {
        sizeUpdatePending = true;
    }

    /** Encodes {@code fields} (names lower-case) as one header block. */
    public byte[] encode(List<HeaderField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + fields.size() * 16);
        if (sizeUpdatePending) {
            integer(out, 0x20, 5, 0);
            sizeUpdatePending = false;
        }
        for (HeaderField field : fields) {
            Encoded last = lastEncoded.get(field.name());
            if (last == null || !last.value().equals(field.value())) {
                last = new Encoded(field.value(), field(field.name(), field.value()));
                if (lastEncoded.size() < MAX_REMEMBERED_NAMES || lastEncoded.containsKey(field.name())) {
                    lastEncoded.put(field.name(), last);
                }
            }
            out.writeBytes(last.octets());
        }
        return out.toByteArray();
    }

    /** One field's representation: indexed (section 6.1) or a literal without indexing (section 6.2.2). */
    private static byte[] field(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + name.length() + value.length());
        Integer indexed = STATIC_FIELDS.get(name + '\0' + value);
        if (indexed != null) {
            integer(out, 0x80, 7, indexed);
            return out.toByteArray();
        }
        Integer nameIndex = STATIC_NAMES.get(name);
        if (nameIndex != null) {
            integer(out, 0x00, 4, nameIndex);
        } else {
            out.write(0x00);
            string(out, name);
        }
        string(out, value);
        return out.toByteArray();
    }

    /** Section 5.1. */
    static void integer(ByteArrayOutputStream out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(flags | value);
            return;
        }
        out.write(flags | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    /** Section 5.2: Huffman when shorter. */
    private static void string(ByteArrayOutputStream out, String text) {
        byte[] octets = text.getBytes(StandardCharsets.ISO_8859_1);
        int huffmanLength = Huffman.encodedLength(octets);
        if (huffmanLength < octets.length) {
            integer(out, 0x80, 7, huffmanLength);
            Huffman.encode(octets, out);
        } else {
            integer(out, 0x00, 7, octets.length);
            out.writeBytes(octets);
        }
    }
}
