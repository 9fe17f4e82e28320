/** {@code torsion news}: the runner plugin that serves a news spool over NNTP. */
package dev.torsion.plugin.news;
