package dev.torsion.sip.registrar;

import dev.torsion.sip.parse.NameAddress;

/**
 * One contact bound to an address of record (RFC 3261 section 10.3).
 *
 * @param contact the Contact value as registered (its URI is where requests go)
 * @param q the preference, 0 to 1
 * @param expiresAtNanos when it lapses, on the clock's scale
 * @param callId the Call-ID of the REGISTER that made it
 * @param cseq the CSeq number of that REGISTER
 */
public record Binding(NameAddress contact, double q, long expiresAtNanos, String callId, long cseq) {
    /** Whether the two bindings name the same contact URI (section 10.3 step 7, simplified to case-insensitive text). */
    public boolean sameContact(NameAddress other) {
        return contact.uri().equalsIgnoreCase(other.uri());
    }
}
