package dev.torsion.irc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torsion.irc.codec.IrcLineFramer.Frame;
import dev.torsion.irc.codec.IrcLineFramer.FramerState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framer whole, byte by byte and over every split into three pieces. */
class IrcLineFramerTest {
    private static final String STREAM = "NICK a\r\nUSER a 0 * :A b\n\r\n\nPRIVMSG #c :" + "x".repeat(40) + "\r\n"
            + "y".repeat(70) + "\r\nPING z\r\n" + "PART";
    private static final List<String> FRAMES = List.of("NICK a", "USER a 0 * :A b", "PRIVMSG #c :" + "x".repeat(40),
            "TOO LONG", "PING z");

    private static List<String> drain(IrcLineFramer framer) {
        List<String> out = new ArrayList<>();
        for (Frame f = framer.next(); f != null; f = framer.next()) {
            out.add(f.isTooLong() ? "TOO LONG" : new String(f.line(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static IrcLineFramer framer() {
        return new IrcLineFramer(60, 4096);
    }

    @Test
    void whole() {
        IrcLineFramer framer = framer();
        framer.feed(STREAM.getBytes(StandardCharsets.UTF_8));
        assertEquals(FRAMES, drain(framer));
        assertEquals(FramerState.LINE, framer.state());
    }

    @Test
    void byteByByte() {
        IrcLineFramer framer = framer();
        List<String> out = new ArrayList<>();
        for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
            framer.feed(new byte[] {b});
            out.addAll(drain(framer));
        }
        assertEquals(FRAMES, out);
    }

    @Test
    void everySplitIntoThree() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= bytes.length; i++) {
            for (int j = i; j <= bytes.length; j++) {
                IrcLineFramer framer = framer();
                List<String> out = new ArrayList<>();
                framer.feed(Arrays.copyOfRange(bytes, 0, i));
                out.addAll(drain(framer));
                framer.feed(Arrays.copyOfRange(bytes, i, j));
                framer.feed(Arrays.copyOfRange(bytes, j, bytes.length));
                out.addAll(drain(framer));
                assertEquals(FRAMES, out, "split at " + i + "," + j);
            }
        }
    }

    @Test
    void aLineOfExactlyTheLimitPassesWithItsCr() {
        IrcLineFramer framer = framer();
        framer.feed(("a".repeat(59) + "\r\n" + "b".repeat(60) + "\n" + "c".repeat(61) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a".repeat(59), "b".repeat(60), "TOO LONG"), drain(framer));
    }

    @Test
    void endlessLineHoldsNoMemory() {
        IrcLineFramer framer = framer();
        for (int i = 0; i < 1000; i++) {
            framer.feed("z".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(FramerState.DISCARDING, framer.state());
        assertEquals(List.of("TOO LONG"), drain(framer));
        framer.feed("zz\r\nPING 1\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("PING 1"), drain(framer));
    }

    @Test
    void receiveQueueOverflowFailsForGood() {
        IrcLineFramer framer = new IrcLineFramer(60, 100);
        framer.feed("PRIVMSG #c :0123456789\r\n".repeat(4).getBytes(StandardCharsets.UTF_8));
        assertEquals(4, drain(framer).size());
        framer.feed("PRIVMSG #c :0123456789\r\n".repeat(5).getBytes(StandardCharsets.UTF_8));
        assertEquals(FramerState.FAILED, framer.state());
        assertNull(framer.next());
        framer.feed("PING x\r\n".getBytes(StandardCharsets.UTF_8));
        assertNull(framer.next());
        assertEquals(FramerState.FAILED, framer.state());
    }
}
