/** What peers present: user name and password, hashed proofs (CRAM-MD5), SSH public keys, nothing (anonymous). */
package dev.torsion.cred.credentials;
