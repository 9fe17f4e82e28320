package dev.torsion.xmpp.server;

import java.util.Objects;

/** The avatar of an XMPP login: the account's user name, the local part of its JID. */
public record XmppAccount(String username) {
    /** An account; the name must not be null. */
    public XmppAccount {
        Objects.requireNonNull(username, "username");
    }
}
