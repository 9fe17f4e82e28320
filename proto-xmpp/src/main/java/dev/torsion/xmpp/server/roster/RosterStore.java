package dev.torsion.xmpp.server.roster;

import dev.torsion.defer.Deferred;

/** Where rosters live between logins; implement it to keep them in a database. */
public interface RosterStore {
    /** The roster of {@code user} (empty when there is none yet). */
    Deferred<Roster> load(String user);

    /** Stores {@code roster} (a copy the caller will not change) as the roster of {@code user}. */
    Deferred<Void> save(String user, Roster roster);
}
