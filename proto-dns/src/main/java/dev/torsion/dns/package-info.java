/** DNS for Torsion: limits shared by the codec, zone loader, server and resolver. */
package dev.torsion.dns;
