package dev.torsion.xmpp.muc;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.Locale;

/**
 * One occupant of a room (XEP-0045 §5): its nickname, its real full JID, its role and
 * affiliation, and the presence it last sent to the room (show, status, priority and extensions).
 */
record Occupant(String nick, Jid realJid, Role role, Affiliation affiliation, XmlElement presence) {

    /** Roles (XEP-0045 §5.1): what an occupant may do in the room now. */
    enum Role {
        MODERATOR, PARTICIPANT, VISITOR;

        String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Affiliations (XEP-0045 §5.2): an occupant's lasting relation with the room. */
    enum Affiliation {
        OWNER, ADMIN, MEMBER, NONE;

        String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** This occupant with a new presence. */
    Occupant withPresence(XmlElement newPresence) {
        return new Occupant(nick, realJid, role, affiliation, newPresence);
    }

    /** This occupant under a new nickname. */
    Occupant withNick(String newNick) {
        return new Occupant(newNick, realJid, role, affiliation, presence);
    }
}
