package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sending and the defaults of LineOnlyReceiver, NetstringReceiver and the IntN receivers. */
class StringReceiversTest {
    static final class Strings extends NetstringReceiver {
        final List<String> got = new ArrayList<>();

        @Override
        protected void stringReceived(byte[] string) {
            got.add(new String(string, StandardCharsets.UTF_8));
        }
    }

    static final class Int16 extends Int16StringReceiver {
        final List<byte[]> got = new ArrayList<>();

        @Override
        protected void stringReceived(byte[] string) {
            got.add(string);
        }
    }

    @Test
    void netstringSendsAndReceives() {
        Strings s = new Strings();
        StringTransport t = new StringTransport();
        s.makeConnection(t);
        s.sendString("hello world!".getBytes(StandardCharsets.UTF_8));
        s.sendString(new byte[0]);
        assertEquals("12:hello world!,0:,", t.valueAsString());
        s.dataReceived(t.value());
        assertEquals(List.of("hello world!", ""), s.got);
        assertFalse(t.isDisconnecting());
    }

    @Test
    void netstringDefaultLimitAndBreakage() {
        Strings s = new Strings();
        StringTransport t = new StringTransport();
        s.makeConnection(t);
        assertEquals(99999, s.maxLength());
        s.dataReceived("100000:".getBytes(StandardCharsets.US_ASCII));
        assertTrue(s.isBroken());
        assertTrue(t.isDisconnecting());
        s.dataReceived("1:a,".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), s.got, "nothing is delivered after a protocol error");
    }

    @Test
    void intPrefixesAreBigEndian() {
        StringTransport t = new StringTransport();
        Int16 r = new Int16();
        r.makeConnection(t);
        r.sendString(new byte[300]);
        byte[] wire = t.value();
        assertEquals(302, wire.length);
        assertEquals(1, wire[0]);
        assertEquals(44, wire[1]);

        t.clear();
        Int32StringReceiver r32 = new Int32StringReceiver() {
            @Override
            protected void stringReceived(byte[] string) {
            }
        };
        r32.makeConnection(t);
        r32.sendString(new byte[] {9});
        assertArrayEquals(new byte[] {0, 0, 0, 1, 9}, t.value());
    }

    @Test
    void sendStringTooLongForPrefix() {
        StringTransport t = new StringTransport();
        Int8StringReceiver r = new Int8StringReceiver() {
            @Override
            protected void stringReceived(byte[] string) {
            }
        };
        r.makeConnection(t);
        r.sendString(new byte[255]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.sendString(new byte[256]));
        assertTrue(e.getMessage().contains("at most 255"), e.getMessage());
    }

    @Test
    void lengthLimitExceededClosesByDefault() {
        StringTransport t = new StringTransport();
        Int16 r = new Int16();
        r.setMaxLength(10);
        r.makeConnection(t);
        r.dataReceived(new byte[] {0, 2, 'h', 'i', 0, 11});
        assertEquals(1, r.got.size());
        assertTrue(t.isDisconnecting());
        r.dataReceived(new byte[] {0, 1, 'x'});
        assertEquals(1, r.got.size());
    }

    @Test
    void stringReceivedMayBeFedReentrantly() {
        StringTransport t = new StringTransport();
        List<String> got = new ArrayList<>();
        Int8StringReceiver r = new Int8StringReceiver() {
            @Override
            protected void stringReceived(byte[] string) {
                got.add(new String(string, StandardCharsets.US_ASCII));
                if (got.size() == 1) {
                    dataReceived(new byte[] {1, 'c'});
                }
            }
        };
        r.makeConnection(t);
        r.dataReceived(new byte[] {1, 'a', 1, 'b'});
        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void lineOnlyReceiverSendsAndReceives() {
        StringTransport t = new StringTransport();
        List<String> got = new ArrayList<>();
        LineOnlyReceiver r = new LineOnlyReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                got.add(new String(line, StandardCharsets.UTF_8));
            }
        };
        r.makeConnection(t);
        r.sendLine("PING");
        assertEquals("PING\r\n", t.valueAsString());
        r.dataReceived("a\r\nb\r".getBytes(StandardCharsets.US_ASCII));
        r.dataReceived("\nc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("a", "b"), got);
        assertEquals(16384, r.maxLength());
    }
}
