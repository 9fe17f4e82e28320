package dev.torsion.sip.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hand-written lexical checks that replaced regular expressions compiled per message. */
class SyntaxTest {
    @Test
    void digitsAreOneToMaxAsciiDigits() {
        assertTrue(Syntax.isDigits("0", 3));
        assertTrue(Syntax.isDigits("1234567890", 10));
        assertFalse(Syntax.isDigits("12345678901", 10), "one digit too many");
        assertFalse(Syntax.isDigits("", 10));
        assertFalse(Syntax.isDigits("12a", 10));
        assertFalse(Syntax.isDigits("-1", 10));
        assertFalse(Syntax.isDigits(" 1", 10));
        assertFalse(Syntax.isDigits("\u0661", 10), "an Arabic-Indic digit is not DIGIT");
    }

    @Test
    void schemeIsAlphaThenAlphaDigitPlusMinusDot() {
        assertTrue(Syntax.isScheme("sip"));
        assertTrue(Syntax.isScheme("SIPS"));
        assertTrue(Syntax.isScheme("x1+y-z.w"));
        assertFalse(Syntax.isScheme(""));
        assertFalse(Syntax.isScheme("1sip"));
        assertFalse(Syntax.isScheme("+sip"));
        assertFalse(Syntax.isScheme("si p"));
        assertFalse(Syntax.isScheme("s\u00edp"), "only ASCII letters");
    }

    @Test
    void whitespaceSplitsOnRunsOfSpaceAndTab() {
        assertArrayEquals(new String[] {"1", "INVITE"}, Syntax.WHITESPACE.split("1 \t  INVITE"));
    }
}
