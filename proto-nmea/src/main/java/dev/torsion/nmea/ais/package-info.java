/**
 * AIS (ITU-R M.1371-5) carried in NMEA {@code !AIVDM}/{@code !AIVDO} sentences:
 * {@link dev.torsion.nmea.ais.AisReassembler} joins fragments within the limits of
 * {@link dev.torsion.nmea.NmeaLimits}, {@link dev.torsion.nmea.ais.AisBits} undoes the six-bit
 * armoring, {@link dev.torsion.nmea.ais.AisDecoder} turns messages 1 to 5, 18, 19 and 24 into
 * typed {@link dev.torsion.nmea.ais.AisMessage} records for an
 * {@link dev.torsion.nmea.ais.AisReceiver}. Pure, no I/O.
 */
package dev.torsion.nmea.ais;
