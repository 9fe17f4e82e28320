/** Reading account and key files within limits, and reporting their malformed lines by number. */
package dev.torsion.cred.files;
