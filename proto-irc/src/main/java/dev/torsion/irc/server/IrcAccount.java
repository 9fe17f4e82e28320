package dev.torsion.irc.server;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Realm;
import dev.torsion.defer.Deferred;

/**
 * The avatar a SASL login gives: the account name shown by WHOIS (330) and ACCOUNT. The portal's
 * realm must answer {@code IrcAccount.class}; {@link #realm()} is one that names the account
 * after the user who logged in.
 *
 * @param name the account name
 */
public record IrcAccount(String name) {

    /** A realm that gives each user the account of its own name. */
    public static Realm realm() {
        return (id, mind, interfaces) -> {
            if (!interfaces.contains(IrcAccount.class)) {
                return Deferred.fail(new IllegalArgumentException("the IRC realm gives IrcAccount avatars only"));
            }
            return Deferred.succeed(new LoginResult(IrcAccount.class, new IrcAccount(id.name()), () -> { }));
        };
    }
}
