/**
 * The positioning model, as twisted.positioning's: {@link dev.torsion.nmea.position.NmeaProtocol}
 * reads sentences from any stream transport (serial, TCP, a file) and combines each cycle of
 * sentences into a {@link dev.torsion.nmea.position.Fix} handed to a
 * {@link dev.torsion.nmea.position.PositioningReceiver}.
 */
package dev.torsion.nmea.position;
