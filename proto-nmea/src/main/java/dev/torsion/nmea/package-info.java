/** NMEA 0183: the limits shared by the sentence codec and the positioning protocol. */
package dev.torsion.nmea;
