package dev.torsion.netty;

/**
 * Who is on the other end of a UNIX socket, as the kernel reports it (SO_PEERCRED).
 *
 * @param pid the peer's process id
 * @param uid the peer's user id
 * @param gid the peer's primary group id
 */
public record UnixCredentials(int pid, int uid, int gid) {
}
