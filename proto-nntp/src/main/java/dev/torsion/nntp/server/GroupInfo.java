package dev.torsion.nntp.server;

import java.time.Instant;

/**
 * A newsgroup as LIST ACTIVE and GROUP report it (RFC 3977 §7.6.3, §6.1.1).
 *
 * @param name the group's name
 * @param low the lowest article number present (high + 1 when the group is empty, §6.1.1.2)
 * @param high the highest article number ever given (0 when none)
 * @param count how many articles are present
 * @param status the posting status: {@code y} posting allowed, {@code n} not, {@code m} moderated
 * @param description the line LIST NEWSGROUPS shows (§7.6.6), possibly empty
 * @param created when the group was created (NEWGROUPS, §7.3)
 */
public record GroupInfo(String name, long low, long high, long count, char status, String description, Instant created) {
    /** The LIST ACTIVE line: {@code name high low status} (§7.6.3). */
    public String activeLine() {
        return name + " " + high + " " + low + " " + status;
    }
}
