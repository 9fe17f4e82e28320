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

    private boolean sizeUpdatePending = true;

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
            Integer indexed = STATIC_FIELDS.get(field.name() + '\0' + field.value());
            if (indexed != null) {
                integer(out, 0x80, 7, indexed);
                continue;
            }
            Integer name = STATIC_NAMES.get(field.name());
            if (name != null) {
                integer(out, 0x00, 4, name);
            } else {
                out.write(0x00);
                string(out, field.name());
            }
            string(out, field.value());
        }
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
