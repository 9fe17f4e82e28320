package dev.torsion.irc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 1459 §2.2 case folding and its variants. */
class CaseMappingTest {
    @Test
    void rfc1459FoldsBracketsAndTilde() {
        assertEquals("{nick}|^", CaseMapping.RFC1459.fold("[NICK]\\~"));
        assertTrue(CaseMapping.RFC1459.equal("Foo[1]", "fOO{1}"));
    }

    @Test
    void strictKeepsTilde() {
        assertEquals("{a}|~", CaseMapping.STRICT_RFC1459.fold("[A]\\~"));
    }

    @Test
    void asciiFoldsLettersOnly() {
        assertEquals("[a]", CaseMapping.ASCII.fold("[A]"));
        assertFalse(CaseMapping.ASCII.equal("[a]", "{a}"));
        assertEquals("rfc1459", CaseMapping.RFC1459.token());
    }
}
