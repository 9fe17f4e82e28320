/** {@code torsion telnet}: the runner plugin that serves proto-telnet's JShell manhole. */
package dev.torsion.plugin.telnet;
