/** Pure SSH codecs: the data types (RFC 4251 section 5), binary packets (RFC 4253 section 6), identification lines, message and reason numbers. No I/O. */
package dev.torsion.ssh.codec;
