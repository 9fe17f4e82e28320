/**
 * The pure Telnet codec: {@link dev.torsion.telnet.codec.TelnetDecoder} (RFC 854 commands and
 * the NVT's CR rules, RFC 855 subnegotiation), {@link dev.torsion.telnet.codec.TelnetEncoder}, and
 * option negotiation by the Q method of RFC 1143 ({@link dev.torsion.telnet.codec.OptionNegotiator}).
 * No I/O: bytes in, events out.
 */
package dev.torsion.telnet.codec;
