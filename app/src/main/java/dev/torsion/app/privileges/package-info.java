/**
 * Dropping privileges: switching to an unprivileged user and group ({@code --uid}, {@code --gid})
 * after the privileged ports are bound, as {@code twistd} does.
 */
package dev.torsion.app.privileges;
