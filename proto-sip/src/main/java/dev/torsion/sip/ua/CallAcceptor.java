package dev.torsion.sip.ua;

import dev.torsion.defer.Deferred;
import dev.torsion.sip.parse.SipRequest;

/**
 * Decides about an incoming INVITE: the Deferred gives the SDP answer (a 200 is sent with it), or
 * fails with a {@link SipFailure} whose status is sent instead (486, 603, ...).
 */
@FunctionalInterface
public interface CallAcceptor {
    /** The answer to {@code invite}. */
    Deferred<byte[]> answer(SipRequest invite);
}
