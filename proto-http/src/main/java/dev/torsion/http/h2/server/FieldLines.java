package dev.torsion.http.h2.server;

import dev.torsion.http.h2.hpack.HeaderField;
import java.util.Arrays;

/**
 * The field lines of the answers on one connection, each made into a {@link HeaderField} once: an
 * answer's fields are mostly those of the one before (its content-type, server, the date within
 * its second), so {@link AnswerReader} looks each line up by its octets before it makes strings of
 * it. A small table with one entry a slot, the newest line winning; lines longer than
 * {@value #MAX_LINE} octets are never kept, so a connection holds a few KiB at most.
 */
final class FieldLines {
    private static final int SLOTS = 32;
    static final int MAX_LINE = 128;

    private byte[][] lines;
    private HeaderField[] fields;

    /** The field made of this line before, or null. */
    HeaderField find(byte[] bytes, int from, int to) {
        if (lines == null || to - from > MAX_LINE) {
            return null;
        }
        int slot = slot(bytes, from, to);
        byte[] line = lines[slot];
        return line != null && Arrays.equals(line, 0, line.length, bytes, from, to) ? fields[slot] : null;
    }

    /** Keeps {@code field} as what this line makes. */
    void keep(byte[] bytes, int from, int to, HeaderField field) {
        if (to - from > MAX_LINE) {
            return;
        }
        if (lines == null) {
            lines = new byte[SLOTS][];
            fields = new HeaderField[SLOTS];
        }
        int slot = slot(bytes, from, to);
        lines[slot] = Arrays.copyOfRange(bytes, from, to);
        fields[slot] = field;
    }

    private static int slot(byte[] bytes, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
