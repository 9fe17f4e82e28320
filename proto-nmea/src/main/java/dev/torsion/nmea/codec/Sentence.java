package dev.torsion.nmea.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One framed, checksum-verified NMEA sentence, before its fields are interpreted.
 *
 * <p>The fields are not cut into strings when the sentence is decoded: the sentence keeps its line's
 * bytes (printable ASCII) and the offsets of the field separators, and {@link SentenceParser} reads numbers straight from
 * the line. {@link #fields()} makes the strings on first use; {@link #field(int)} makes one.
 * Immutable; equal when start, talker, type, fields and checksum status are.
 */
public final class Sentence implements DecodeResult {

    private final char start;
    private final String talker;
    private final String type;
    private final ChecksumStatus checksum;
    /** The characters the fields are read from, one byte each (printable ASCII). */
    private final byte[] line;
    /**
     * {@code bounds[i]} is the separator before field {@code i} (the comma after the address for
     * field 0), {@code bounds[i + 1]} the end of field {@code i}; one more entry than fields.
     */
    private final int[] bounds;
    /** {@link #fields()}, made on first use; a racing second copy is equal and harmless. */
    private List<String> fields;

    /**
     * A sentence from its parts.
     *
     * @param start {@code $} for parametric sentences, {@code !} for encapsulated ones (AIS)
     * @param talker the two-character talker ID ({@code GP}, {@code GN}, {@code BD}...), or
     *     {@code P} for a proprietary sentence
     * @param type the sentence formatter ({@code GGA}...), or for a proprietary sentence the
     *     manufacturer code and its own type ({@code GRME})
     * @param fields the data fields after the address field, empty strings for null fields;
     *     NMEA text is ASCII, and a character outside ISO-8859-1 compares as {@code ?}
     * @param checksum whether a checksum was present (a wrong one is rejected before this)
     */
    public Sentence(char start, String talker, String type, List<String> fields,
            ChecksumStatus checksum) {
        this.start = start;
        this.talker = Objects.requireNonNull(talker, "talker");
        this.type = Objects.requireNonNull(type, "type");
        this.checksum = Objects.requireNonNull(checksum, "checksum");
        StringBuilder joined = new StringBuilder();
        this.bounds = new int[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++) {
            bounds[i] = joined.length();
            joined.append(',').append(Objects.requireNonNull(fields.get(i), "field"));
        }
        bounds[fields.size()] = joined.length();
        this.line = joined.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.fields = List.copyOf(fields);
    }

    /** A decoded sentence whose fields are cut from {@code line} at {@code bounds}. */
    Sentence(char start, String talker, String type, byte[] line, int[] bounds,
            ChecksumStatus checksum) {
        this.start = start;
        this.talker = talker;
        this.type = type;
        this.checksum = checksum;
        this.line = line;
        this.bounds = bounds;
    }

    /** {@code $} for parametric sentences, {@code !} for encapsulated ones (AIS). */
    public char start() {
        return start;
    }

    /** The two-character talker ID, or {@code P} for a proprietary sentence. */
    public String talker() {
        return talker;
    }

    /** The formatter, or for a proprietary sentence the manufacturer code and its type. */
    public String type() {
        return type;
    }

    /** Whether a checksum was present (a wrong one is rejected before this). */
    public ChecksumStatus checksum() {
        return checksum;
    }

    /** The data fields after the address field, empty strings for null fields. */
    public List<String> fields() {
        List<String> made = fields;
        if (made == null) {
            String[] all = new String[fieldCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = field(i);
            }
            made = List.of(all);
            fields = made;
        }
        return made;
    }

    /** How many data fields the sentence has, without making them. */
    public int fieldCount() {
        return bounds.length - 1;
    }

    /** Whether this is a proprietary {@code $P...} sentence (NMEA 0183 section 5.3.3.3). */
    public boolean proprietary() {
        return "P".equals(talker);
    }

    /** Field {@code index}, or the empty string when the sentence was truncated before it. */
    public String field(int index) {
        int from = from(index);
        int to = to(index);
        List<String> made = fields;
        if (made != null) {
            return index < made.size() ? made.get(index) : "";
        }
        if (to - from == 1) {
            return SingleCharacters.of((char) line[from]);
        }
        return Ascii.text(line, from, to);
    }

    /**
     * Field {@code index} as characters read from the sentence without a copy (empty when the
     * sentence was truncated before it); {@code toString()} makes the string.
     */
    public CharSequence fieldView(int index) {
        return new FieldView(line, from(index), to(index));
    }

    /** The length of field {@code index} in characters, 0 when empty or absent. */
    public int fieldLength(int index) {
        return to(index) - from(index);
    }

    /** The line the fields are read from. */
    byte[] line() {
        return line;
    }

    /** Where field {@code index} starts in {@link #line()}; equal to {@link #to} when empty or absent. */
    int from(int index) {
        return index < fieldCount() ? bounds[index] + 1 : 0;
    }

    /** Where field {@code index} ends in {@link #line()}. */
    int to(int index) {
        return index < fieldCount() ? bounds[index + 1] : 0;
    }

    /** Whether field {@code index} is the one character {@code c}. */
    boolean fieldIs(int index, char c) {
        int from = from(index);
        return to(index) - from == 1 && line[from] == c;
    }

    /** Whether field {@code index} is {@code text}. */
    boolean fieldIs(int index, String text) {
        int from = from(index);
        int length = text.length();
        if (to(index) - from != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The sentence as it is shown in a rejection: start, address, fields, no checksum. */
    String shown() {
        StringBuilder shown = new StringBuilder().append(start).append(talker).append(type)
                .append(',');
        for (int i = 0; i < fieldCount(); i++) {
            shown.append(i == 0 ? "" : ",").append(Ascii.text(line, from(i), to(i)));
        }
        return shown.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Sentence that) || start != that.start || checksum != that.checksum
                || !talker.equals(that.talker) || !type.equals(that.type)
                || fieldCount() != that.fieldCount()) {
            return false;
        }
        for (int i = 0; i < fieldCount(); i++) {
            int length = to(i) - from(i);
            if (that.to(i) - that.from(i) != length || !Arrays.equals(line, from(i), from(i) + length,
                    that.line, that.from(i), that.from(i) + length)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(start, talker, type, checksum);
        for (int i = 0; i < fieldCount(); i++) {
            int fieldHash = 0;
            for (int j = from(i); j < to(i); j++) {
                fieldHash = 31 * fieldHash + (line[j] & 0xff);
            }
            hash = 31 * hash + fieldHash;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Sentence[start=" + start + ", talker=" + talker + ", type=" + type + ", fields="
                + fields() + ", checksum=" + checksum + "]";
    }

    /** The one-character strings of printable ASCII, shared rather than made per field. */
    private static final class SingleCharacters {
        private static final String[] STRINGS = new String[0x7f];

        static {
            Arrays.setAll(STRINGS, c -> String.valueOf((char) c));
        }

        static String of(char c) {
            return c < STRINGS.length ? STRINGS[c] : String.valueOf(c);
        }
    }
}
