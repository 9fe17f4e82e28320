/**
 * Relaying mail to other domains, as Twisted's relay manager: a {@link dev.torsion.mail.relay.RelayQueue}
 * on disk, the {@link dev.torsion.mail.relay.RelayManager} that delivers it with retries and
 * backoff ({@link dev.torsion.mail.relay.RelaySchedule}) and RFC 3464 {@link dev.torsion.mail.relay.Bounce}s,
 * and the {@link dev.torsion.mail.relay.RelayNetworks} allowed to relay without logging in.
 */
package dev.torsion.mail.relay;
