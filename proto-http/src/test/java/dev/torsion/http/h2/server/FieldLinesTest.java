package dev.torsion.http.h2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.torsion.http.h2.hpack.HeaderField;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldLinesTest {
    private static byte[] bytes(String line) {
        return ("..." + line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLineKeptIsFoundAsTheSameFieldWhereverItLies() {
        FieldLines lines = new FieldLines();
        byte[] first = bytes("Content-Type: text/plain");
        assertNull(lines.find(first, 3, first.length - 2));
        HeaderField field = new HeaderField("content-type", "text/plain");
        lines.keep(first, 3, first.length - 2, field);
        byte[] again = ("Content-Type: text/plain\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertSame(field, lines.find(again, 0, again.length - 2));
        byte[] other = bytes("Content-Type: text/html");
        assertNull(lines.find(other, 3, other.length - 2));
    }

    @Test
    void manyLinesNeverFindAnotherLinesField() {
        FieldLines lines = new FieldLines();
        for (int i = 0; i < 500; i++) {
            byte[] line = bytes("x-n: " + i);
            lines.keep(line, 3, line.length - 2, new HeaderField("x-n", Integer.toString(i)));
        }
        for (int i = 0; i < 500; i++) {
            byte[] line = bytes("x-n: " + i);
            HeaderField found = lines.find(line, 3, line.length - 2);
            if (found != null) {
                assertEquals(Integer.toString(i), found.value());
            }
        }
    }

    @Test
    void longLinesAreNotKept() {
        FieldLines lines = new FieldLines();
        byte[] line = bytes("x-long: " + "a".repeat(FieldLines.MAX_LINE));
        lines.keep(line, 3, line.length - 2, new HeaderField("x-long", "a".repeat(FieldLines.MAX_LINE)));
        assertNull(lines.find(line, 3, line.length - 2));
    }
}
