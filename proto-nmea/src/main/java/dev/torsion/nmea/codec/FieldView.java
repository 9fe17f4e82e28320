package dev.torsion.nmea.codec;

/**
 * A field of a decoded sentence as characters, read from the sentence's bytes (printable ASCII,
 * one byte a character) without copying them. Immutable as its sentence is.
 */
final class FieldView implements CharSequence {

    private final byte[] line;
    private final int from;
    private final int to;

    FieldView(byte[] line, int from, int to) {
        this.line = line;
        this.from = from;
        this.to = to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) line[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length() || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length());
        }
        return new FieldView(line, from + start, from + end);
    }

    @Override
    public String toString() {
        return Ascii.text(line, from, to);
    }
}
