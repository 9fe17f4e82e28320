package dev.torsion.telnet.manhole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.telnet.terminal.AnsiTerminal;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What snippets print: lines to the terminal as CR LF, and a printing thread held while paused. */
class TerminalOutputStreamTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final StringTransport wire = new StringTransport();
    private final TerminalOutputStream stream = new TerminalOutputStream(reactor, new AnsiTerminal(wire));
    private final PrintStream out = new PrintStream(stream, true, StandardCharsets.UTF_8);

    @Test
    void completeLinesGoOutAndAPartialLineWaitsToBeDrained() {
        out.print("one\ntwo");
        out.flush();
        reactor.runPending();
        assertEquals("one\r\n", wire.valueAsString());
        assertEquals("two", stream.drain());
    }

    @Test
    void aPausedStreamHoldsThePrintingThreadUntilResumed() throws Exception {
        stream.pauseProducing();
        CountDownLatch printed = new CountDownLatch(1);
        Thread snippet = new Thread(() -> {
            out.println("held");
            printed.countDown();
        }, "snippet");
        snippet.start();
        assertFalse(printed.await(300, TimeUnit.MILLISECONDS), "the snippet waits while the client does not read");
        stream.resumeProducing();
        assertTrue(printed.await(10, TimeUnit.SECONDS));
        reactor.runPending();
        assertEquals("held\r\n", wire.valueAsString());
    }

    @Test
    void stoppingReleasesAPausedPrinterAndDropsItsOutput() throws Exception {
        stream.pauseProducing();
        CountDownLatch printed = new CountDownLatch(1);
        Thread snippet = new Thread(() -> {
            out.println("lost");
            printed.countDown();
        }, "snippet");
        snippet.start();
        assertFalse(printed.await(300, TimeUnit.MILLISECONDS));
        stream.stopProducing();
        assertTrue(printed.await(10, TimeUnit.SECONDS));
        reactor.runPending();
        assertEquals("", wire.valueAsString());
    }
}
