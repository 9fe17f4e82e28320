package dev.torsion.telnet.options;

/**
 * One NEW-ENVIRON variable (RFC 1572).
 *
 * @param user whether it is a USERVAR (else a well-known VAR)
 * @param name its name
 * @param value its value, or null when it has none ("undefined", RFC 1572 section 2)
 */
public record EnvironmentVariable(boolean user, String name, String value) {
}
