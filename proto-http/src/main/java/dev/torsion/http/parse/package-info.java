/**
 * The pure HTTP/1.x message parser: bytes in, heads, body pieces and ends out, no I/O; every limit in {@link dev.torsion.http.parse.ParserLimits}, every refusal an {@link dev.torsion.http.parse.HttpParseException} with its status and the RFC section cited where it is decided.
 */
package dev.torsion.http.parse;
