package dev.torsion.xmpp.client;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The client's side of stream management (XEP-0198) for one session: the count of stanzas handled
 * from the server (the 'h' we report), the stanzas sent and not yet acknowledged, and the id that
 * lets a new connection resume the session. Counts are modulo 2^32 (§4). It outlives a broken
 * connection: a new {@link XmppClient} given it with {@code resuming} takes the session over.
 */
public final class StreamManagement {
    private static final long MODULO = 1L << 32;

    private final int maxUnacked;
    private final Deque<XmlElement> unacked = new ArrayDeque<>();
    private String resumeId;
    private boolean resumable;
    private boolean active;
    private Jid jid;
    private long handled;
    private long acknowledged;

    /** A fresh state keeping at most {@code maxUnacked} unacknowledged stanzas (older ones are forgotten). */
    StreamManagement(int maxUnacked) {
        this.maxUnacked = maxUnacked;
    }

    /** The id the server gave for resumption (§5), or null when it cannot be resumed. */
    public String resumeId() {
        return resumable ? resumeId : null;
    }

    /** The bound JID of the managed session. */
    public Jid jid() {
        return jid;
    }

    /** Stanzas handled from the server since enabling (modulo 2^32). */
    public long handled() {
        return handled;
    }

    /** Stanzas sent and not acknowledged yet. */
    public int unackedCount() {
        return unacked.size();
    }

    /** Whether the server enabled it: from then on received stanzas are counted (§4). */
    boolean active() {
        return active;
    }

    void enabled(String id, boolean canResume, Jid boundJid) {
        active = true;
        resumeId = id;
        resumable = canResume && id != null;
        jid = boundJid;
    }

    void received() {
        handled = (handled + 1) % MODULO;
    }

    void sent(XmlElement stanza) {
        unacked.addLast(stanza);
        if (unacked.size() > maxUnacked) {
            unacked.removeFirst();
            acknowledged = (acknowledged + 1) % MODULO; // counted as gone: it will not be sent again
        }
    }

    /** §4: the server handled {@code h} stanzas: those leave the queue. False when h is impossible. */
    boolean acked(long h) {
        long newly = Math.floorMod(h - acknowledged, MODULO);
        if (newly > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newly; i++) {
            unacked.removeFirst();
        }
        acknowledged = h % MODULO;
        return true;
    }

    /** The unacknowledged stanzas, in order, taken out of the queue (to be sent again after a resumption). */
    List<XmlElement> takeUnacked() {
        List<XmlElement> all = new ArrayList<>(unacked);
        unacked.clear();
        return all;
    }
}
