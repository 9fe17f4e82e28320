package dev.torsion.http.log;

import dev.torsion.http.server.Request;

/** Records each answered request. */
@FunctionalInterface
public interface AccessLog {
    /** Records {@code request}, whose response is finished. */
    void log(Request request);
}
