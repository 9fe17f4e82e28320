/**
 * The pure NMEA 0183 codec: {@link dev.torsion.nmea.codec.NmeaFramer} cuts a byte stream into
 * lines, {@link dev.torsion.nmea.codec.SentenceDecoder} checks framing and checksum,
 * {@link dev.torsion.nmea.codec.SentenceParser} turns sentences into typed
 * {@link dev.torsion.nmea.codec.NmeaMessage}s and {@link dev.torsion.nmea.codec.SentenceWriter}
 * writes sentences with their checksum. No I/O.
 */
package dev.torsion.nmea.codec;
