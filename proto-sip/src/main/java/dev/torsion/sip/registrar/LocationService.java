package dev.torsion.sip.registrar;

import java.util.List;

/**
 * Where the registrar keeps bindings and the proxy finds them (RFC 3261 section 10, "location
 * service"): an interface so that a user can back it with a database; {@link MemoryLocationService}
 * holds them in memory.
 */
public interface LocationService {
    /** The live bindings of {@code aor} at {@code now} (nanoseconds), highest q first. */
    List<Binding> lookup(String aor, long now);

    /** Replaces every binding of {@code aor} (an empty list removes the address of record). */
    void store(String aor, List<Binding> bindings);
}
