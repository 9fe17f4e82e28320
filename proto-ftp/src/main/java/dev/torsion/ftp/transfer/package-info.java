/**
 * Moving a transfer's bytes between a data connection and a file channel, for the server and the
 * client alike: reads and writes run on the reactor's thread pool, with backpressure both ways,
 * and TYPE A's line-end conversion (RFC 959 §3.1.1.1).
 */
package dev.torsion.ftp.transfer;
