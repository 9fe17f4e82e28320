package dev.torsion.nmea.codec;

import java.util.List;

/**
 * Writes sentences with their checksum and CR LF (NMEA 0183 sections 5.2.1.3 and 5.3).
 * Refuses fields holding a reserved character ({@code $ ! * , \ ^ ~} or CR/LF, section 6.1), since
 * the listener would frame them differently than the writer meant.
 */
public final class SentenceWriter {

    private static final String RESERVED = "$!*,\\^~\r\n";

    private SentenceWriter() {
    }

    /** {@code $address,field,...*hh\r\n}; {@code address} is e.g. {@code GPGGA} or {@code PGRMO}. */
    public static String write(String address, List<String> fields) {
        return write('$', address, fields);
    }

    /**
     * {@code !address,field,...*hh\r\n}, an encapsulation sentence (section 5.3): e.g. an AIS
     * {@code AIVDM} whose armored payload never holds a reserved character.
     */
    public static String writeEncapsulated(String address, List<String> fields) {
        return write('!', address, fields);
    }

    private static String write(char start, String address, List<String> fields) {
        StringBuilder body = new StringBuilder(address);
        check(address);
        for (String field : fields) {
            check(field);
            body.append(',').append(field);
        }
        return start + body.toString() + String.format("*%02X\r\n", SentenceDecoder.checksum(body));
    }

    private static void check(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < 0x20 || c > 0x7e || RESERVED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("reserved character in NMEA field: " + field);
            }
        }
    }
}
