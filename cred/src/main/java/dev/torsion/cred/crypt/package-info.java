/** crypt(3) password hashes ({@code $6$}, {@code $5$}, read-only {@code $1$}) through commons-codec. */
package dev.torsion.cred.crypt;
