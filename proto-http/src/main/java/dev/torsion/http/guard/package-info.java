/**
 * HTTP authentication through {@code dev.torsion.cred}, as twisted.web's {@code guard}: an
 * {@link dev.torsion.http.guard.HttpAuthResource} asks for credentials with a 401 challenge, logs
 * them in through a {@link dev.torsion.cred.Portal}, and serves the {@link dev.torsion.http.resource.Resource}
 * the realm gives for that user.
 */
package dev.torsion.http.guard;
