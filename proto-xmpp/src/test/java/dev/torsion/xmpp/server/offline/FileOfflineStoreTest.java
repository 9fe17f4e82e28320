package dev.torsion.xmpp.server.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.xmpp.Namespaces;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.stream.XmlElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOfflineStoreTest {
    @TempDir
    Path dir;

    private static <T> T value(Deferred<T> deferred) {
        AtomicReference<T> out = new AtomicReference<>();
        deferred.addCallback(v -> {
            out.set(v);
            return null;
        });
        assertTrue(deferred.isCalled());
        return out.get();
    }

    private static XmlElement message(String body) {
        return XmlElement.builder(Namespaces.CLIENT, "message").attribute("to", "bob@example.org").attribute("type", "chat")
                .textChild("body", body)
                .child(XmlElement.builder(Namespaces.DELAY, "delay").attribute("stamp", "2026-12-05T23:00:00Z").build()).build();
    }

    @Test
    void keepsMessagesInAFileAcrossStoresUpToTheLimit() throws Exception {
        MemoryReactor reactor = new MemoryReactor();
        FileOfflineStore store = new FileOfflineStore(dir, reactor, 2, XmppLimits.DEFAULTS);
        assertTrue(value(store.store("bob", message("one <&> \r\n two"))));
        assertTrue(value(store.store("bob", message("caf\u00e9"))));
        assertFalse(value(store.store("bob", message("three"))), "over the limit");
        FileOfflineStore afterRestart = new FileOfflineStore(dir, reactor, 2, XmppLimits.DEFAULTS);
        assertEquals(List.of(message("one <&> \r\n two"), message("caf\u00e9")), value(afterRestart.take("bob")));
        assertFalse(Files.exists(dir.resolve("bob.offline")));
        assertEquals(List.of(), value(afterRestart.take("bob")));
    }

    @Test
    void aDamagedFileYieldsWhatCanBeRead() throws Exception {
        Files.writeString(dir.resolve("bob.offline"), "<message><body>ok</body></message><message><body>cut");
        FileOfflineStore store = new FileOfflineStore(dir, new MemoryReactor(), 10, XmppLimits.DEFAULTS);
        List<XmlElement> messages = value(store.take("bob"));
        assertEquals(1, messages.size());
        assertEquals("ok", messages.get(0).child(Namespaces.CLIENT, "body").orElseThrow().text());
    }
}
