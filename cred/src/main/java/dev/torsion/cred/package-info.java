/**
 * Authentication, as Twisted's {@code twisted.cred}: a {@link dev.torsion.cred.Portal} takes
 * credentials from a protocol, lets the checker for their kind decide who the peer is
 * ({@link dev.torsion.cred.AvatarId}), and has the {@link dev.torsion.cred.Realm} make the avatar the
 * protocol then acts through. Refusals are {@link dev.torsion.cred.UnauthorizedLogin}, alike for
 * unknown users and wrong secrets, and come after a delay.
 */
package dev.torsion.cred;
