package dev.torsion.dns.server;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;

/**
 * A source of answers the server consults: a zone, a hosts file, or a user's database
 * (Twisted's {@code IResolver} as the server sees it). Answers come as Deferreds, so a lookup
 * may go to another thread or another server.
 */
public interface Authority {
    /** Whether questions about {@code name} are this authority's to answer. */
    boolean covers(Name name);

    /** How specific this authority is for {@code name} (the labels of its origin); the server asks the most specific first. */
    int specificity(Name name);

    /** Answers one question that {@link #covers} the name of. */
    Deferred<Answer> query(Question question);
}
