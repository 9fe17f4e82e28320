package dev.torsion.telnet.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.telnet.support.Bytes;
import dev.torsion.telnet.support.Screen;
import dev.torsion.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RecvLine and its editor, keys in as bytes, what a person sees out (through a small emulator). */
class LineEditorTest {
    private final StringTransport wire = new StringTransport();
    private final List<String> lines = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private TerminalServerProtocol server;
    private Shell shell;

    /** Echoes each line back after a prompt. */
    final class Shell extends RecvLine {
        Shell() {
            super(10);
        }

        @Override
        protected void lineReceived(String line) {
            lines.add(line);
            showPrompt();
        }

        @Override
        protected void interrupted() {
            events.add("interrupted");
            showPrompt();
        }

        @Override
        protected void endOfInput() {
            events.add("eof");
        }

        void hold() {
            holdInput();
        }

        void release() {
            releaseInput();
        }
    }

    @BeforeEach
    void connect() {
        shell = new Shell();
        server = new TerminalServerProtocol(shell);
        server.makeConnection(wire);
    }

    private Screen type(Object... keys) {
        server.dataReceived(Bytes.of(keys));
        return new Screen().feed(wire.value());
    }

    @Test
    void typingAndEnter() {
        Screen screen = type("hello\r");
        assertEquals(List.of("hello"), lines);
        assertEquals(List.of("> hello", ">"), screen.lines());
    }

    @Test
    void insertInTheMiddleAndBackspaceAndDelete() {
        Screen screen = type("helo", "\u001b[D", "l");
        assertEquals("> hello", screen.currentLine());
        assertEquals(6, screen.column(), "cursor after the inserted l");
        screen = type("\u001b[H", "\u001b[3~", "J");
        assertEquals("> Jello", screen.currentLine());
        screen = type("\u001b[F", 0x7F, 0x7F);
        assertEquals("> Jel", screen.currentLine());
        type("\r");
        assertEquals(List.of("Jel"), lines);
    }

    @Test
    void historyWalksUpAndDownKeepingTheDraft() {
        type("one\rtwo\rdra");
        Screen screen = type("\u001b[A");
        assertEquals("> two", screen.currentLine());
        screen = type("\u001b[A");
        assertEquals("> one", screen.currentLine());
        screen = type("\u001b[A");
        assertEquals(1, screen.bells(), "nothing older");
        screen = type("\u001b[B\u001b[B");
        assertEquals("> dra", screen.currentLine());
        type("\u001b[A\u001b[A\r");
        assertEquals(List.of("one", "two", "one"), lines);
    }

    @Test
    void ctrlCAbandonsTheLineAndCtrlDOnAnEmptyLineEnds() {
        Screen screen = type("abc", 3);
        assertEquals(List.of("interrupted"), events);
        assertEquals(List.of("> abc^C", ">"), screen.lines());
        type("x", 1, 4);
        assertEquals(List.of("interrupted"), events, "Ctrl-D on a non-empty line deletes forward");
        type(0x7F, 4);
        assertEquals(List.of("interrupted", "eof"), events);
    }

    @Test
    void theLineLimitRingsTheBell() {
        Screen screen = type("0123456789AB");
        assertEquals("> 0123456789", screen.currentLine());
        assertEquals(2, screen.bells());
    }

    @Test
    void ctrlUAndCtrlK() {
        type("abcdef", 2, 2, 0x0B);
        Screen screen = new Screen().feed(wire.value());
        assertEquals("> abcd", screen.currentLine());
        screen = type(0x15, "z\r");
        assertEquals(List.of("z"), lines);
    }

    @Test
    void secretLinesAreNotEchoedNorKept() {
        shell.editor().setSecret(true);
        Screen screen = type("s3cret\r");
        assertEquals(List.of("s3cret"), lines);
        assertEquals(List.of(">", ">"), screen.lines());
        shell.editor().setSecret(false);
        type("\u001b[A");
        assertEquals(">", new Screen().feed(wire.value()).currentLine(), "no history of the secret");
    }

    @Test
    void heldKeysReplayOnRelease() {
        shell.hold();
        type("ab\r");
        assertEquals(List.of(), lines);
        shell.release();
        assertEquals(List.of("ab"), lines);
    }
}
