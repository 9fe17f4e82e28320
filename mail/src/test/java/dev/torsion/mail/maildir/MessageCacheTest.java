package dev.torsion.mail.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shared cache of message octets: bounded in total, least recently read dropped first. */
class MessageCacheTest {
    private static final Path FOLDER = Path.of("/srv/mail/alice");

    @Test
    void keepsMessagesByFolderAndBaseNameWithinItsBound() {
        MessageCache cache = new MessageCache(100);
        cache.put(FOLDER, "a", new byte[40]);
        cache.put(FOLDER, "b", new byte[40]);
        assertEquals(40, cache.get(FOLDER, "a").length, "a is now the most recently read");
        cache.put(FOLDER, "c", new byte[40]);
        assertNull(cache.get(FOLDER, "b"), "the least recently read went first");
        assertEquals(80, cache.total());
        assertNull(cache.get(Path.of("/srv/mail/bob"), "a"), "another folder's a is another message");
    }

    @Test
    void largeMessagesAreNotKeptAndRemovedOnesAreForgotten() {
        MessageCache cache = new MessageCache(10 * MessageCache.MAX_MESSAGE);
        cache.put(FOLDER, "big", new byte[MessageCache.MAX_MESSAGE + 1]);
        assertNull(cache.get(FOLDER, "big"));
        byte[] small = {1, 2, 3};
        cache.put(FOLDER, "small", small);
        assertArrayEquals(small, cache.get(FOLDER, "small"));
        cache.remove(FOLDER, "small");
        assertNull(cache.get(FOLDER, "small"));
        assertEquals(0, cache.total());
    }
}
