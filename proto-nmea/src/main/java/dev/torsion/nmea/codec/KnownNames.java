package dev.torsion.nmea.codec;

import java.nio.charset.StandardCharsets;

/**
 * The talker IDs, formatters and manufacturer codes receivers send most, so that decoding a
 * sentence looks its address up instead of making new strings for it (an unknown one is still
 * made). A name of two to four printable ASCII characters packs into an int key (its length and
 * seven bits a character), hashed into an open-addressed table filled once; read-only afterwards,
 * so shared by every thread.
 */
final class KnownNames {

    private static final String[] NAMES = {
        // talkers (NMEA 0183 v4.11 section 5.3.3.1, and the AIS ones of IEC 61162-1)
        "GP", "GL", "GA", "GB", "GN", "GQ", "GI", "BD", "QZ", "II", "IN", "EC", "HC", "HE", "LC",
        "SD", "WI", "YX", "ZA", "AG", "AP", "AI", "AB", "AD", "AN", "AR", "AS", "AT", "AX", "BS",
        "SA", "TI", "PS",
        // formatters (section 8.3)
        "GGA", "RMC", "GSA", "GSV", "GLL", "VTG", "ZDA", "GNS", "GST", "HDT", "DTM", "TXT", "VDM",
        "VDO", "HDG", "HDM", "MWV", "MWD", "RMB", "DPT", "DBT", "BOD", "BWC", "BWR", "MTW", "XDR",
        "XTE", "VLW", "VHW", "RTE", "WPL", "APB", "GBS", "GRS", "ROT", "RSA", "THS", "VBW", "ALM",
        "ABK", "ABM", "BBM", "VSD",
        // proprietary manufacturer codes and types (section 5.3.3.3)
        "GRMZ", "GRME", "GRMM", "GRMB", "GRMC", "GRMF", "GRMT", "GRMV", "UBX", "MTK", "SRF",
        "ASHR", "TNL", "FEC", "SIRF", "STI", "LSR", "MGN", "RWI",
    };
    private static final int BITS = 8;
    private static final int MASK = (1 << BITS) - 1;
    private static final int[] KEYS = new int[MASK + 1];
    private static final String[] TABLE = new String[MASK + 1];

    static {
        for (String name : NAMES) {
            int key = key(name.getBytes(StandardCharsets.US_ASCII), 0, name.length());
            int slot = slot(key);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            KEYS[slot] = key;
            TABLE[slot] = name;
        }
    }

    private KnownNames() {
    }

    /** {@code line[from, to)}, printable ASCII: the known name's one copy, or a new string. */
    static String of(byte[] line, int from, int to) {
        int length = to - from;
        if (length >= 2 && length <= 4) {
            int key = key(line, from, to);
            for (int slot = slot(key); TABLE[slot] != null; slot = (slot + 1) & MASK) {
                if (KEYS[slot] == key) {
                    return TABLE[slot];
                }
            }
        }
        return Ascii.text(line, from, to);
    }

    /** The length and seven bits a character: 3 + 28 bits, unique for two to four characters. */
    private static int key(byte[] text, int from, int to) {
        int key = to - from;
        for (int i = from; i < to; i++) {
            key = key << 7 | (text[i] & 0x7f);
        }
        return key;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B1) >>> (32 - BITS);
    }
}
