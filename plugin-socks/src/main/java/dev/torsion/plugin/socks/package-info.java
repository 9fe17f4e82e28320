/** {@code torsion socks}: the runner plugin that serves a SOCKS proxy. */
package dev.torsion.plugin.socks;
