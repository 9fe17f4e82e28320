/**
 * HTTP: wrk against Torsion and raw Netty (hello, static files), torsion web against nginx, uploads,
 * the streaming proxy, HTTP/2 with h2load and WebSocket echo, each beside its baseline.
 */
package dev.torsion.benchmarks.http;
