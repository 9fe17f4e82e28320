package dev.torsion.dns.client;

import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.Rcode;

/**
 * A lookup answered with an error RCODE (NXDOMAIN is Twisted's {@code DNSNameError}, the others
 * its {@code DNSServerError}, {@code DNSQueryRefusedError}, ...), or not answered at all.
 */
public final class DnsLookupError extends Exception {
    private static final long serialVersionUID = 1L;
    /** No server answered in time (Twisted's {@code DNSQueryTimeoutError}). */
    public static final int TIMEOUT = -1;

    private final transient Question question;
    private final int rcode;

    /** An error for {@code question}: its RCODE, or {@link #TIMEOUT}. */
    public DnsLookupError(Question question, int rcode) {
        super(question + ": " + (rcode == TIMEOUT ? "no answer in time" : Rcode.toString(rcode)));
        this.question = question;
        this.rcode = rcode;
    }

    /** The question. */
    public Question question() {
        return question;
    }

    /** The RCODE, or {@link #TIMEOUT}. */
    public int rcode() {
        return rcode;
    }

    /** Whether the name does not exist (NXDOMAIN). */
    public boolean isNameError() {
        return rcode == Rcode.NXDOMAIN;
    }
}
