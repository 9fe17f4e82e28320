/** {@code torsion mail}: the runner plugin for the mail application (SMTP into Maildirs, POP3 out). */
package dev.torsion.plugin.mail;
