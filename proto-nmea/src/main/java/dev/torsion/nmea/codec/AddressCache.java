package dev.torsion.nmea.codec;

/**
 * The talker and type of the addresses one decoder has seen, by address, so that a stream's
 * repeated {@code GPGGA}, {@code GPRMC}... are split and looked up once: an address of up to
 * nine letters and digits packs into a long key (seven bits a character; the first character is
 * never zero, so lengths cannot collide), direct-mapped into 64 slots, a newer address replacing
 * an older one in its slot. Confined to its decoder's thread, like the decoder.
 */
final class AddressCache {

    /** The longest address that packs into a key: 9 characters of 7 bits. */
    static final int MAX_LENGTH = 9;
    private static final int BITS = 6;

    private final long[] keys = new long[1 << BITS];
    private final String[] talkers = new String[1 << BITS];
    private final String[] types = new String[1 << BITS];

    /** {@code key} with one more address character. */
    static long append(long key, char c) {
        return key << 7 | c;
    }

    /** Where {@code key} is or would go. */
    static int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
    }

    /** Whether {@code slot} holds {@code key} (zero, the empty key, is no address). */
    boolean holds(int slot, long key) {
        return keys[slot] == key;
    }

    String talker(int slot) {
        return talkers[slot];
    }

    String type(int slot) {
        return types[slot];
    }

    void put(int slot, long key, String talker, String type) {
        keys[slot] = key;
        talkers[slot] = talker;
        types[slot] = type;
    }
}
