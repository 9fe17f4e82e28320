/**
 * The pure part of FTP: the control connection's command decoder (RFC 959 §4.1.3 and §5.3, with
 * the Telnet escapes of RFC 854 and UTF-8 pathnames of RFC 2640), the reply writer and reader
 * (RFC 959 §4.2), and the data addresses of PORT, PASV, EPRT and EPSV (RFC 959 §4.1.2, RFC 2428).
 * No I/O.
 */
package dev.torsion.ftp.parse;
