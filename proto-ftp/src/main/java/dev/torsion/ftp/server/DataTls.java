package dev.torsion.ftp.server;

import dev.torsion.tls.TlsOptions;

/**
 * How a data connection under PROT P runs TLS: the server's options, and the control connection's
 * session it must resume (null when reuse is not required).
 *
 * @param options the TLS options of the data connection
 * @param control the control connection's session, or null
 */
record DataTls(TlsOptions options, ControlTlsSession control) {
}
