package dev.torsion.xmpp.server.roster;

import dev.torsion.defer.Deferred;
import java.util.HashMap;
import java.util.Map;

/** Rosters kept in memory, answered at once: for tests and for servers that need no persistence. */
public final class MemoryRosterStore implements RosterStore {
    private final Map<String, Roster> rosters = new HashMap<>();

    @Override
    public Deferred<Roster> load(String user) {
        Roster roster = rosters.get(user);
        return Deferred.succeed(roster == null ? new Roster() : roster.copy());
    }

    @Override
    public Deferred<Void> save(String user, Roster roster) {
        rosters.put(user, roster.copy());
        return Deferred.succeed(null);
    }
}
