/** SMTP load: Torsion's server against Postfix's smtp-sink, driven by smtp-source. */
package dev.torsion.benchmarks.smtp;
