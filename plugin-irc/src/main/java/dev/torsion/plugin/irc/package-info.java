/** {@code torsion irc}: the runner plugin for proto-irc's IRC server. */
package dev.torsion.plugin.irc;
