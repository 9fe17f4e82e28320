package dev.torsion.socks.server;

import dev.torsion.socks.codec.Destination;
import java.net.InetAddress;

/**
 * The avatar a cred {@code Realm} returns for a SOCKS login: it may narrow, per user, where the
 * user may connect (after the server's own {@link SocksAccessRules}).
 */
public interface SocksUser {
    /** Whether this user may connect to {@code resolved} for the requested {@code destination}. */
    default boolean mayConnect(Destination destination, InetAddress resolved) {
        return true;
    }
}
