package dev.torsion.mail.access;

import dev.torsion.mail.store.MessageFlag;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** IMAP flag names and the store's flags (Maildir letters), as Dovecot maps them ({@code P} is {@code $Forwarded}). */
final class ImapFlags {
    private static final Map<MessageFlag, String> NAMES = Map.of(
            MessageFlag.SEEN, "\\Seen", MessageFlag.ANSWERED, "\\Answered", MessageFlag.FLAGGED, "\\Flagged",
            MessageFlag.DELETED, "\\Deleted", MessageFlag.DRAFT, "\\Draft", MessageFlag.PASSED, "$Forwarded");

    /** Every flag the store keeps, as IMAP names. */
    static final Set<String> PERMANENT = Set.copyOf(NAMES.values());

    private ImapFlags() {
    }

    /**
     * Every combination of store flags (at most 2^6) as an immutable set of names, made once: a
     * sync converts every message of a folder, for every session.
     */
    private static final Map<Set<MessageFlag>, Set<String>> CONVERTED = new ConcurrentHashMap<>();

    /** The IMAP names of {@code flags}, as an immutable set. */
    static Set<String> toImap(Set<MessageFlag> flags) {
        return CONVERTED.computeIfAbsent(Set.copyOf(flags), ImapFlags::names);
    }

    private static Set<String> names(Set<MessageFlag> flags) {
        Set<String> out = new HashSet<>();
        for (MessageFlag flag : flags) {
            out.add(NAMES.get(flag));
        }
        return Set.copyOf(out);
    }

    /** The store's flags for IMAP names; names the store cannot keep are left out. */
    static Set<MessageFlag> fromImap(Set<String> names) {
        Set<MessageFlag> out = EnumSet.noneOf(MessageFlag.class);
        for (Map.Entry<MessageFlag, String> entry : NAMES.entrySet()) {
            if (names.contains(entry.getValue())) {
                out.add(entry.getKey());
            }
        }
        return out;
    }
}
