package dev.torsion.irc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The escaping table of IRCv3 message-tags, both ways, and the key grammar. */
class MessageTagsTest {
    @Test
    void escapesEachSpecialCharacter() {
        assertEquals("\\:\\s\\\\\\r\\n", MessageTags.escape("; \\\r\n"));
        assertEquals("; \\\r\n", MessageTags.unescape("\\:\\s\\\\\\r\\n"));
        assertEquals("plain", MessageTags.unescape("plain"));
    }

    @Test
    void keys() {
        assertTrue(MessageTags.isValidKey("time"));
        assertTrue(MessageTags.isValidKey("+draft/reply"));
        assertTrue(MessageTags.isValidKey("example.com/x-y"));
        assertFalse(MessageTags.isValidKey("+"));
        assertFalse(MessageTags.isValidKey("a b"));
        assertFalse(MessageTags.isValidKey("ex_ample.com/x"));
        assertFalse(MessageTags.isValidKey("x/"));
    }
}
