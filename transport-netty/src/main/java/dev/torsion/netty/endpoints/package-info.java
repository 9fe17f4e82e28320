/**
 * Endpoint kinds this module registers with {@code ServiceLoader} for
 * {@link dev.torsion.internet.endpoints.Endpoints}: {@code ssl:}/{@code tls:} servers and clients
 * (PEM files, client certificates, SNI directories, ALPN) and {@code systemd:} socket activation.
 */
package dev.torsion.netty.endpoints;
