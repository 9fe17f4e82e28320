/** {@code torsion telnet} and {@code torsion manhole}: the runner plugins that serve the JShell manhole over Telnet and SSH. */
package dev.torsion.plugin.telnet;
