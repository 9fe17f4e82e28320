package dev.torsion.mail.store;

import java.util.List;
import java.util.Set;

/**
 * What {@link MailFolder#changeFlags} did.
 *
 * @param states the messages it looked at (changed or not) with their flags and MODSEQ afterwards
 * @param refused the UIDs left alone because their MODSEQ was above the caller's UNCHANGEDSINCE (RFC 7162 §3.1.3)
 */
public record FlagChanges(List<State> states, List<Long> refused) {
    /** Copies the lists. */
    public FlagChanges {
        states = List.copyOf(states);
        refused = List.copyOf(refused);
    }

    /**
     * One message after the change.
     *
     * @param uid its UID
     * @param flags its flags
     * @param modSeq its MODSEQ (new only when its flags changed)
     */
    public record State(long uid, Set<MessageFlag> flags, long modSeq) {
        /** Copies the flags. */
        public State {
            flags = Set.copyOf(flags);
        }
    }
}
