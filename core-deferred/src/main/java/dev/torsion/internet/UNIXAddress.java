package dev.torsion.internet;

/**
 * A UNIX socket's address.
 *
 * @param name the socket's path; a name starting with {@code '\0'} is in Linux's abstract
 *     namespace; {@code null} for an unbound (unnamed) socket
 */
public record UNIXAddress(String name) implements Address {
    @Override
    public String toString() {
        return "unix:" + (name == null ? "(unnamed)" : name.replace("\0", "@"));
    }
}
