package dev.torsion.sip.locate;

/**
 * A NAPTR record as RFC 3263 section 4.1 reads it (RFC 3403 section 4.1 for the fields).
 *
 * @param order processed lowest first
 * @param preference among equal orders, lowest first
 * @param flags {@code s}: the replacement is an SRV name
 * @param service {@code SIP+D2U}, {@code SIP+D2T}, {@code SIPS+D2T}, ...
 * @param regexp unused by SIP (must be empty)
 * @param replacement the SRV owner name, without the final dot
 */
public record NaptrRecord(int order, int preference, String flags, String service, String regexp, String replacement) {
}
