/**
 * The HTTP/1.1 client: {@link dev.torsion.http.client.Agent} and its decorators, a pool of connections each with one state enum, configured by {@link dev.torsion.http.client.AgentConfig}.
 */
package dev.torsion.http.client;
