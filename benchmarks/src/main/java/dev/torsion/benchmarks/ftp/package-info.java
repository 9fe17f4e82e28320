/** FTP throughput: Torsion's server against vsftpd, driven by curl. */
package dev.torsion.benchmarks.ftp;
