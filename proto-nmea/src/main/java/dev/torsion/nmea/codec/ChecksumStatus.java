package dev.torsion.nmea.codec;

/** What a sentence's {@code *hh} checksum said (NMEA 0183 section 5.2.1.3). */
public enum ChecksumStatus {
    /** Present and equal to the XOR of the characters between the start and the {@code *}. */
    VALID,
    /** Absent: optional in NMEA 0183 for most sentences and omitted by some receivers. */
    MISSING
}
