/** NMEA 0183 benchmarks: sentence parsing against a plain split-and-parse baseline. */
package dev.torsion.benchmarks.nmea;
