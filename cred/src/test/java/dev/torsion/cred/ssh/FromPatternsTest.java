package dev.torsion.cred.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FromPatternsTest {
    @Test
    void wildcards() {
        FromPatterns patterns = FromPatterns.parse("192.0.2.*,10.0.0.?");
        assertTrue(patterns.allows("192.0.2.77"));
        assertTrue(patterns.allows("10.0.0.5"));
        assertFalse(patterns.allows("10.0.0.55"));
        assertFalse(patterns.allows("198.51.100.1"));
    }

    @Test
    void cidrBlocksForBothFamilies() {
        FromPatterns patterns = FromPatterns.parse("192.0.2.0/24, 2001:db8::/32");
        assertTrue(patterns.allows("192.0.2.255"));
        assertFalse(patterns.allows("192.0.3.0"));
        assertTrue(patterns.allows("2001:db8:1::5"));
        assertFalse(patterns.allows("2001:db9::1"));
        assertTrue(FromPatterns.parse("0.0.0.0/0").allows("203.0.113.9"));
        assertTrue(FromPatterns.parse("::1/128").allows("0:0:0:0:0:0:0:1"));
    }

    @Test
    void negationWins() {
        FromPatterns patterns = FromPatterns.parse("!192.0.2.13,192.0.2.0/24");
        assertTrue(patterns.allows("192.0.2.12"));
        assertFalse(patterns.allows("192.0.2.13"));
        assertFalse(FromPatterns.parse("!10.*").allows("192.0.2.1"), "only negations: nothing is allowed");
    }

    @Test
    void hostNamesNeverResolve() {
        FromPatterns patterns = FromPatterns.parse("*.example.com,localhost");
        assertFalse(patterns.allows("127.0.0.1"));
        assertTrue(FromPatterns.parse("*").allows("127.0.0.1"));
    }

    @Test
    void malformedLists() {
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse(""));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("a,,b"));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("!"));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("192.0.2.0/33"));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("192.0.2.1/24"));
        assertThrows(IllegalArgumentException.class, () -> FromPatterns.parse("192.0.2.0/x"));
    }

    @Test
    void globMatcher() {
        assertTrue(FromPatterns.wildcardMatches("a*b*c", "aXXbYYc"));
        assertTrue(FromPatterns.wildcardMatches("*", ""));
        assertFalse(FromPatterns.wildcardMatches("a*b", "aXXc"));
        assertTrue(FromPatterns.wildcardMatches("??", "ab"));
        assertFalse(FromPatterns.wildcardMatches("?", ""));
        assertTrue(FromPatterns.wildcardMatches("*" .repeat(50) + "x", "y".repeat(1000) + "x"), "no blow-up on stars");
    }
}
