package dev.torsion.cred.credentials;

/**
 * What a peer presents to prove who it is. Checkers declare which kinds (sub-interfaces or classes)
 * they handle; the {@link dev.torsion.cred.Portal} picks the checker by kind.
 */
public interface Credentials {
}
