/** XMPP load: messages per second between logged-in clients, Torsion's server against Prosody. */
package dev.torsion.benchmarks.xmpp;
