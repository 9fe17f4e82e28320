package dev.torsion.sip.transport;

import dev.torsion.sip.parse.SipMessage;

/**
 * A message as the transport received it: where from, over what, and (over a stream) the
 * connection responses go back on (RFC 3261 section 18.2.2).
 *
 * @param message the message
 * @param kind the transport it came over
 * @param sourceHost the source IP address
 * @param sourcePort the source port
 * @param connection the stream it came on, or null for UDP
 */
public record Inbound(SipMessage message, TransportKind kind, String sourceHost, int sourcePort,
                      SipStreamProtocol connection) {
}
