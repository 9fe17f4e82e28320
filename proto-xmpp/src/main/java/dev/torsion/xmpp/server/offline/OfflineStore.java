package dev.torsion.xmpp.server.offline;

import dev.torsion.defer.Deferred;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.List;

/** Where messages for accounts without an available resource wait (XEP-0160); implement it to use a database. */
public interface OfflineStore {
    /** Keeps {@code message} for {@code user}; fires false when the account's storage is full. */
    Deferred<Boolean> store(String user, XmlElement message);

    /** The messages kept for {@code user}, oldest first, forgetting them. */
    Deferred<List<XmlElement>> take(String user);
}
