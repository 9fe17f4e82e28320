package dev.torsion.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The default listen backlog is the kernel's maximum, not Twisted's 50. */
class SystemBacklogTest {
    @Test
    void defaultBacklogIsTheKernelsMaximum() throws Exception {
        int expected = Files.isReadable(SystemBacklog.SOMAXCONN)
                ? Integer.parseInt(Files.readAllLines(SystemBacklog.SOMAXCONN, StandardCharsets.US_ASCII).get(0).trim())
                : SystemBacklog.FALLBACK;
        assertEquals(expected, Reactor.DEFAULT_BACKLOG);
    }
}
