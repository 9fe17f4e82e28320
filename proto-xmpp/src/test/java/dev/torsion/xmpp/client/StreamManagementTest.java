package dev.torsion.xmpp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.stream.XmlElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0198 §4 counting: acknowledgements, impossible ones, the bounded queue. */
class StreamManagementTest {
    private static XmlElement message(int n) {
        return XmlElement.builder(Namespaces.CLIENT, "message").attribute("id", "m" + n).build();
    }

    @Test
    void acknowledgementsEmptyTheQueueInOrder() {
        StreamManagement sm = new StreamManagement(10);
        assertFalse(sm.active());
        sm.enabled("abc", true, Jid.parse("alice@example.org/r"));
        assertTrue(sm.active());
        assertEquals("abc", sm.resumeId());
        for (int i = 1; i <= 3; i++) {
            sm.sent(message(i));
        }
        assertTrue(sm.acked(2));
        assertEquals(1, sm.unackedCount());
        assertFalse(sm.acked(5), "more than was sent");
        assertTrue(sm.acked(2), "the same h again acknowledges nothing new");
        assertEquals(List.of(message(3)), sm.takeUnacked());
        assertEquals(0, sm.unackedCount());
    }

    @Test
    void noResumptionIdWithoutResumeAndReceivedStanzasAreCounted() {
        StreamManagement sm = new StreamManagement(10);
        sm.enabled("abc", false, Jid.parse("alice@example.org/r"));
        assertNull(sm.resumeId(), "not resumable");
        for (long i = 0; i < 3; i++) {
            sm.received();
        }
        assertEquals(3, sm.handled());
        assertEquals(Jid.parse("alice@example.org/r"), sm.jid());
    }

    @Test
    void theQueueIsBounded() {
        StreamManagement sm = new StreamManagement(2);
        for (int i = 1; i <= 3; i++) {
            sm.sent(message(i));
        }
        assertEquals(2, sm.unackedCount());
        assertTrue(sm.acked(3), "the forgotten one counts as sent");
        assertEquals(0, sm.unackedCount());
    }
}
