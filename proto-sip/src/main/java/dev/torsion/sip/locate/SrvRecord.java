package dev.torsion.sip.locate;

/**
 * An SRV record (RFC 2782).
 *
 * @param priority lowest first
 * @param weight the share of the load among equal priorities
 * @param port the port on the target
 * @param target the host, without the final dot; {@code "."} means the service is not offered
 */
public record SrvRecord(int priority, int weight, int port, String target) {
}
