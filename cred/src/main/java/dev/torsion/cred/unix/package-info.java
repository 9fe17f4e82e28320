/** Reading {@code /etc/passwd} and {@code /etc/shadow} (or files in their format). */
package dev.torsion.cred.unix;
