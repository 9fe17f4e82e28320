package dev.torsion.http.client;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.util.Arrays;

/**
 * The protocol of a TLS connection whose HTTP version ALPN decides: it holds what arrives until the
 * handshake has said which protocol (HTTP/1.1 or HTTP/2) runs on the connection, then hands that
 * one the transport and the bytes held.
 */
final class AlpnChoice extends Protocol {
    private byte[] held = new byte[0];
    private Protocol chosen;

    /** Runs {@code protocol} on this connection from now on. */
    void choose(Protocol protocol) {
        chosen = protocol;
        byte[] early = held;
        held = null;
        protocol.makeConnection(transport());
        if (early.length > 0 && protocol.isConnected()) {
            protocol.dataReceived(early);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (chosen != null) {
            chosen.dataReceived(data);
            return;
        }
        // Only the server's first frames can come before the choice (its SETTINGS): a few bytes.
        byte[] all = Arrays.copyOf(held, held.length + data.length);
        System.arraycopy(data, 0, all, held.length, data.length);
        held = all;
    }

    @Override
    public void connectionLost(Failure reason) {
        if (chosen != null) {
            chosen.notifyConnectionLost(reason);
        }
    }
}
