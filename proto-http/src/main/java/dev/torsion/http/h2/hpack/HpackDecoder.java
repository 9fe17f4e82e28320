package dev.torsion.http.h2.hpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes header blocks (RFC 7541 section 6), keeping the dynamic table across blocks. A block
 * that breaks the format fails with {@link HpackException} (COMPRESSION_ERROR). A block whose
 * fields pass {@code maxHeaderListSize} (counted as RFC 9113 section 6.5.2 does) is still decoded
 * to its end, so that the table stays in step with the encoder's, but its fields are dropped and
 * {@link Result#tooLarge()} says so: the request is refused alone (431), not the connection.
 */
public final class HpackDecoder {
    private static final int MAX_INTEGER_BYTES = 5;

    private final DynamicTable table;
    /** The table size this side announced (SETTINGS_HEADER_TABLE_SIZE): size updates may not exceed it. */
    private int allowedTableSize;
    private final int maxHeaderListSize;

    /** The fields of one block, or the fact that they were too large. */
    public record Result(List<HeaderField> fields, boolean tooLarge) {
    }

    /** A decoder with a table of {@code tableSize} octets, refusing header lists over {@code maxHeaderListSize}. */
    public HpackDecoder(int tableSize, int maxHeaderListSize) {
        this.table = new DynamicTable(tableSize);
        this.allowedTableSize = tableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /** The dynamic table's size in octets (for tests). */
    int tableSize() {
        return table.size();
    }

    /** The number of dynamic table entries (for tests). */
    int tableLength() {
        return table.length();
    }

    /** Decodes one whole header block. */
    public Result decode(byte[] block) throws HpackException {
        List<HeaderField> fields = new ArrayList<>();
        long listSize = 0;
        boolean tooLarge = false;
        Cursor in = new Cursor(block);
        boolean fieldSeen = false;
        while (in.position < block.length) {
            int first = block[in.position] & 0xFF;
            HeaderField field;
            if ((first & 0x80) != 0) {
                // Section 6.1: an indexed field.
                field = lookup(in.integer(7));
            } else if ((first & 0x40) != 0) {
                // Section 6.2.1: a literal added to the table.
                field = literal(in, 6);
                table.add(field);
            } else if ((first & 0x20) != 0) {
                // Section 4.2: a size update comes only at the start of a block, within the announced maximum.
                if (fieldSeen) {
                    throw new HpackException("dynamic table size update after a field");
                }
                int newSize = in.integer(5);
                if (newSize > allowedTableSize) {
                    throw new HpackException("dynamic table size update to " + newSize + " over " + allowedTableSize);
                }
                table.setMaxSize(newSize);
                continue;
            } else {
                // Sections 6.2.2 and 6.2.3: literals not added (never-indexed is kept as such by nobody here).
                field = literal(in, 4);
            }
            fieldSeen = true;
            listSize += field.size();
            if (listSize > maxHeaderListSize) {
                tooLarge = true;
                fields.clear();
            }
            if (!tooLarge) {
                fields.add(field);
            }
        }
        return new Result(tooLarge ? List.of() : fields, tooLarge);
    }

    private HeaderField lookup(int index) throws HpackException {
        if (index == 0) {
            throw new HpackException("index 0 (RFC 7541 section 6.1)");
        }
        if (index <= HpackTables.STATIC.length) {
            String[] entry = HpackTables.STATIC[index - 1];
            return new HeaderField(entry[0], entry[1]);
        }
        int dynamic = index - HpackTables.STATIC.length;
        if (dynamic > table.length()) {
            throw new HpackException("index " + index + " beyond the tables (RFC 7541 section 2.3.3)");
        }
        return table.get(dynamic);
    }

    private HeaderField literal(Cursor in, int prefix) throws HpackException {
        int index = in.integer(prefix);
        String name = index == 0 ? in.string() : lookup(index).name();
        return new HeaderField(name, in.string());
    }

    /** Reads primitives (section 5) from a block, refusing anything that runs past its end. */
    private static final class Cursor {
        private final byte[] data;
        private int position;

        Cursor(byte[] data) {
            this.data = data;
        }

        /** Section 5.1: an N-bit prefix integer; larger than 2^31-1 or longer than 5 continuation bytes is refused. */
        int integer(int prefixBits) throws HpackException {
            int mask = (1 << prefixBits) - 1;
            int value = data[position++] & mask;
            if (value < mask) {
                return value;
            }
            long total = value;
            for (int shift = 0, count = 0; ; shift += 7, count++) {
                if (position >= data.length) {
                    throw new HpackException("integer runs past the block");
                }
                if (count >= MAX_INTEGER_BYTES) {
                    throw new HpackException("integer too long");
                }
                int b = data[position++] & 0xFF;
                total += (long) (b & 0x7F) << shift;
                if (total > Integer.MAX_VALUE) {
                    throw new HpackException("integer overflow");
                }
                if ((b & 0x80) == 0) {
                    return (int) total;
                }
            }
        }

        /** Section 5.2: a string literal, Huffman-coded or raw. */
        String string() throws HpackException {
            if (position >= data.length) {
                throw new HpackException("string literal missing");
            }
            boolean huffman = (data[position] & 0x80) != 0;
            int length = integer(7);
            if (length > data.length - position) {
                throw new HpackException("string literal of " + length + " octets runs past the block");
            }
            byte[] octets = huffman ? Huffman.decode(data, position, length)
                    : Arrays.copyOfRange(data, position, position + length);
            position += length;
            return new String(octets, StandardCharsets.ISO_8859_1);
        }
    }
}
