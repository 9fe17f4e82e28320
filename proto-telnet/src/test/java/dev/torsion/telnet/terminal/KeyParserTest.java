package dev.torsion.telnet.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.telnet.support.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyParserTest {

    private static void assertKeys(byte[] input, KeyEvent... expected) {
        for (List<byte[]> delivery : Bytes.deliveries(input)) {
            KeyParser parser = new KeyParser();
            List<KeyEvent> keys = new ArrayList<>();
            for (byte[] piece : delivery) {
                parser.parse(piece, keys::add);
            }
            assertEquals(List.of(expected), keys, "in " + delivery.size() + " pieces");
        }
    }

    private static KeyEvent k(Key key) {
        return KeyEvent.of(key);
    }

    private static KeyEvent c(char c) {
        return KeyEvent.character(c);
    }

    @Test
    void arrowsInBothCursorModes() {
        assertKeys(Bytes.of("\u001b[A\u001b[B\u001b[C\u001b[D\u001bOA\u001bOB\u001bOC\u001bOD"),
                k(Key.UP), k(Key.DOWN), k(Key.RIGHT), k(Key.LEFT), k(Key.UP), k(Key.DOWN), k(Key.RIGHT), k(Key.LEFT));
    }

    @Test
    void homeEndDeleteInsertPagesAndFunctionKeys() {
        assertKeys(Bytes.of("\u001b[H\u001b[F\u001bOH\u001bOF\u001b[1~\u001b[4~\u001b[7~\u001b[8~"),
                k(Key.HOME), k(Key.END), k(Key.HOME), k(Key.END), k(Key.HOME), k(Key.END), k(Key.HOME), k(Key.END));
        assertKeys(Bytes.of("\u001b[3~\u001b[2~\u001b[5~\u001b[6~\u001bOP\u001bOS"),
                k(Key.DELETE), k(Key.INSERT), k(Key.PAGE_UP), k(Key.PAGE_DOWN), k(Key.F1), k(Key.F4));
    }

    @Test
    void modifiersAreIgnoredAndUnknownSequencesDropped() {
        assertKeys(Bytes.of("\u001b[1;5C\u001b[99~\u001b[?1;2cx"), k(Key.RIGHT), c('x'));
    }

    @Test
    void controlKeys() {
        assertKeys(Bytes.of(3, 4, 0x7F, 8, 9, 0x15, 0x0B, 0x0C, 1, 5, 2, 6, 0x10, 0x0E, 0x1A, 0),
                k(Key.INTERRUPT), k(Key.END_OF_INPUT), k(Key.BACKSPACE), k(Key.BACKSPACE), k(Key.TAB),
                k(Key.KILL_LINE), k(Key.KILL_TO_END), k(Key.CLEAR_SCREEN), k(Key.HOME), k(Key.END),
                k(Key.LEFT), k(Key.RIGHT), k(Key.UP), k(Key.DOWN), new KeyEvent(Key.CONTROL, 0x1A));
    }

    @Test
    void enterIsCrOrLfOrCrLfOrCrNul() {
        assertKeys(Bytes.of("a\rb\nc\r\nd\r", 0, "e\r\r"),
                c('a'), k(Key.ENTER), c('b'), k(Key.ENTER), c('c'), k(Key.ENTER), c('d'), k(Key.ENTER),
                c('e'), k(Key.ENTER), k(Key.ENTER));
    }

    @Test
    void loneEscapeThenAKey() {
        assertKeys(Bytes.of("\u001bx"), k(Key.ESCAPE), c('x'));
    }

    @Test
    void utf8CharactersAndBadBytes() {
        assertKeys("é€😀".getBytes(StandardCharsets.UTF_8),
                KeyEvent.character('é'), KeyEvent.character('€'), KeyEvent.character(0x1F600));
        assertKeys(Bytes.of(0xC3, "a", 0xFF, 0xED, 0xA0, 0x80),
                KeyEvent.character(0xFFFD), c('a'), KeyEvent.character(0xFFFD), KeyEvent.character(0xFFFD));
    }

    @Test
    void anEndlessSequenceIsAbandoned() {
        KeyParser parser = new KeyParser();
        List<KeyEvent> keys = new ArrayList<>();
        parser.parse(Bytes.of("\u001b[", "1;".repeat(10_000), "Ax"), keys::add);
        assertEquals(List.of(c('A'), c('x')), keys.subList(keys.size() - 2, keys.size()));
        assertEquals(KeyParserState.GROUND, parser.state());
    }
}
