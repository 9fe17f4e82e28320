/**
 * The manhole: an interactive Java shell (JShell, {@code jdk.jshell}) inside the running server,
 * in the model of Twisted's manhole. It evaluates in the server's own JVM ({@code
 * LocalExecutionControlProvider}), so the reactor and the objects of a {@link
 * dev.torsion.telnet.manhole.ManholeNamespace} are at hand as variables. Never without a login
 * (a cred {@code Portal}, with the peer's address); evaluation runs off the reactor thread.
 */
package dev.torsion.telnet.manhole;
