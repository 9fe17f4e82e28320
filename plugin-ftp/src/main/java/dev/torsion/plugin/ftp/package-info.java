/** {@code torsion ftp}: the runner plugin that serves a directory over FTP and explicit FTPS. */
package dev.torsion.plugin.ftp;
