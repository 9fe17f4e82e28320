package dev.torsion.nmea.codec;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a decoded line as text: an accepted sentence is printable ASCII (NMEA 0183 section
 * 6.1), so one byte is one character and ISO-8859-1 makes the string without decoding.
 */
final class Ascii {

    private Ascii() {
    }

    /** {@code bytes[from, to)} as a string. */
    static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
