/**
 * The positioning model, as twisted.positioning's, and the readers that feed it: every reader
 * hands its lines to a {@link dev.torsion.nmea.position.SentenceProcessor}, which combines each
 * cycle of sentences into a {@link dev.torsion.nmea.position.Fix} and joins AIS fragments, for a
 * {@link dev.torsion.nmea.position.PositioningReceiver}. Readers:
 * {@link dev.torsion.nmea.position.NmeaProtocol} (any stream transport: serial, TCP),
 * {@link dev.torsion.nmea.position.GpsdNmeaProtocol} (gpsd's port, raw NMEA watch),
 * {@link dev.torsion.nmea.position.NmeaClientFactory} (TCP, reconnecting),
 * {@link dev.torsion.nmea.position.NmeaDatagramProtocol} (UDP) and
 * {@link dev.torsion.nmea.position.NmeaLogReplay} (log files, optionally paced).
 */
package dev.torsion.nmea.position;
