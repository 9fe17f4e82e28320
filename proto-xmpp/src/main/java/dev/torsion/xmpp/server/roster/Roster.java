package dev.torsion.xmpp.server.roster;

import dev.torsion.xmpp.Jid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One account's roster (RFC 6121 §2) and the subscription requests it has not answered yet
 * (§3.1.3: the server keeps them and delivers them again at the next login). Used on the reactor
 * thread only.
 */
public final class Roster {
    private final Map<Jid, RosterItem> items = new LinkedHashMap<>();
    private final Set<Jid> pendingIn = new LinkedHashSet<>();

    /** The items, in insertion order. */
    public List<RosterItem> items() {
        return new ArrayList<>(items.values());
    }

    /** The item for {@code contact} (a bare JID), or null. */
    public RosterItem get(Jid contact) {
        return items.get(contact);
    }

    /** Adds or replaces an item. */
    public void put(RosterItem item) {
        items.put(item.jid(), item);
    }

    /** Removes the item for {@code contact}; returns it, or null. */
    public RosterItem remove(Jid contact) {
        return items.remove(contact);
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /** The contacts whose subscription requests wait for an answer. */
    public Set<Jid> pendingIn() {
        return new LinkedHashSet<>(pendingIn);
    }

    /** Records that {@code contact} asked to subscribe; false when it was recorded already. */
    public boolean addPendingIn(Jid contact) {
        return pendingIn.add(contact);
    }

    /** Forgets a request of {@code contact}; true when there was one. */
    public boolean removePendingIn(Jid contact) {
        return pendingIn.remove(contact);
    }

    /** A copy, for writing while the reactor changes the original. */
    public Roster copy() {
        Roster copy = new Roster();
        copy.items.putAll(items);
        copy.pendingIn.addAll(pendingIn);
        return copy;
    }
}
