package dev.torsion.imap.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Flag lists on the wire (RFC 3501 §2.3.2): system flags first, in a fixed order, then keywords. */
final class Flags {
    static final List<String> SYSTEM = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    private Flags() {
    }

    /** {@code (\Seen $Forwarded)}. */
    static String list(Collection<String> flags) {
        List<String> ordered = new ArrayList<>();
        for (String system : SYSTEM) {
            if (flags.contains(system)) {
                ordered.add(system);
            }
        }
        if (flags.contains("\\Recent")) {
            ordered.add("\\Recent");
        }
        flags.stream().filter(f -> !SYSTEM.contains(f) && !f.equals("\\Recent")).sorted().forEach(ordered::add);
        return "(" + String.join(" ", ordered) + ")";
    }

    /** The flags a STORE may keep: permanent ones; {@code \Recent} never (RFC 3501 §2.3.2). */
    static boolean storable(String flag, Set<String> permanent) {
        return !flag.equals("\\Recent") && (permanent.contains(flag) || permanent.contains("\\*"));
    }
}
