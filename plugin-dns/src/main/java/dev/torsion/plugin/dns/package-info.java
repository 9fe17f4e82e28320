/** {@code torsion dns}: the runner plugin of proto-dns. */
package dev.torsion.plugin.dns;
