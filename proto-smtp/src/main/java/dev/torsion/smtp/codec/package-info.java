/**
 * The pure SMTP codec: command lines cut with a bound ({@link dev.torsion.smtp.codec.CommandLineReader}),
 * commands and paths parsed ({@link dev.torsion.smtp.codec.CommandParser},
 * {@link dev.torsion.smtp.codec.PathParser}), SASL responses decoded. No I/O.
 */
package dev.torsion.smtp.codec;
