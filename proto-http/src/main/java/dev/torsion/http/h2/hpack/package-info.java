/**
 * HPACK (RFC 7541), pure: the decoder with its dynamic table and limits, an encoder that uses the
 * static table only, the Huffman code. Every refusal is an {@link dev.torsion.http.h2.hpack.HpackException}
 * (COMPRESSION_ERROR), the RFC section cited where it is decided.
 */
package dev.torsion.http.h2.hpack;
