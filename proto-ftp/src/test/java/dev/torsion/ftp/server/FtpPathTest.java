package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FtpPathTest {
    @Test
    void resolvesWithoutLeavingTheRoot() {
        FtpPath sub = FtpPath.ROOT.resolve("a/b");
        assertEquals("/a/b", sub.toString());
        assertEquals("/a/c", sub.resolve("../c").toString());
        assertEquals("/", sub.resolve("../../../../..").toString());
        assertEquals("/etc/passwd", sub.resolve("/../../etc/passwd").toString());
        assertEquals("/a/b/x", sub.resolve("./x/.//").toString());
        assertEquals("/a/b/...", sub.resolve("...").toString());
        assertEquals("b", sub.name());
        assertEquals("/a", sub.parent().toString());
        assertTrue(FtpPath.ROOT.parent().isRoot());
        assertEquals(FtpPath.ROOT.resolve("a/b"), sub.resolve("."));
    }
}
