package dev.torsion.xmpp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.xmpp.Jid;

/** Looks into the server's loaded rosters. */
final class Subscriptions {
    private Subscriptions() {
    }

    static void assertRoster(XmppServer server, String user, String contact, String subscription) {
        assertEquals(subscription, server.loadedRoster(user).get(Jid.parse(contact)).subscription().value());
    }
}
