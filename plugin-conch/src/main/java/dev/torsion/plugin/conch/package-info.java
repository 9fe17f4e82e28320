/** {@code torsion conch}: the runner plugin of proto-ssh's SSH server. */
package dev.torsion.plugin.conch;
