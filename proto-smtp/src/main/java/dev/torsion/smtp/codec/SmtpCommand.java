package dev.torsion.smtp.codec;

/**
 * One command line, split into its verb and its argument.
 *
 * @param verb the command
 * @param word the verb as sent (for logs and the 500 reply)
 * @param argument what followed the verb and its space, possibly empty
 */
public record SmtpCommand(Verb verb, String word, String argument) {
}
