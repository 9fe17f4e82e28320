package dev.torsion.telnet.codec;

import static dev.torsion.telnet.codec.TelnetCommand.AYT;
import static dev.torsion.telnet.codec.TelnetCommand.DO;
import static dev.torsion.telnet.codec.TelnetCommand.DONT;
import static dev.torsion.telnet.codec.TelnetCommand.IAC;
import static dev.torsion.telnet.codec.TelnetCommand.NOP;
import static dev.torsion.telnet.codec.TelnetCommand.SB;
import static dev.torsion.telnet.codec.TelnetCommand.SE;
import static dev.torsion.telnet.codec.TelnetCommand.WILL;
import static dev.torsion.telnet.codec.TelnetCommand.WONT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.telnet.support.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetDecoderTest {

    /** Decodes every delivery of {@code input} and checks each gives {@code expected}, data merged. */
    private static void assertDecodes(byte[] input, TelnetEvent... expected) throws Exception {
        for (List<byte[]> delivery : Bytes.deliveries(input)) {
            TelnetDecoder decoder = new TelnetDecoder(64);
            List<TelnetEvent> events = new ArrayList<>();
            for (byte[] piece : delivery) {
                decoder.decode(piece, events::add);
            }
            assertEquals(List.of(expected), merge(events), "delivery in " + delivery.size() + " pieces");
            assertEquals(DecoderState.DATA, decoder.state());
        }
    }

    /** Merges adjacent Data events (a split may cut data in two). */
    static List<TelnetEvent> merge(List<TelnetEvent> events) {
        List<TelnetEvent> merged = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (TelnetEvent event : events) {
            if (event instanceof TelnetEvent.Data d) {
                data.writeBytes(d.bytes());
                continue;
            }
            if (data.size() > 0) {
                merged.add(new TelnetEvent.Data(data.toByteArray()));
                data.reset();
            }
            merged.add(event);
        }
        if (data.size() > 0) {
            merged.add(new TelnetEvent.Data(data.toByteArray()));
        }
        return merged;
    }

    private static TelnetEvent data(Object... parts) {
        return new TelnetEvent.Data(Bytes.of(parts));
    }

    @Test
    void plainDataPassesThrough() throws Exception {
        assertDecodes(Bytes.of("hello"), data("hello"));
    }

    @Test
    void iacIacIsOneDataByte255() throws Exception {
        assertDecodes(Bytes.of("a", IAC, IAC, "b"), data("a", 255, "b"));
    }

    @Test
    void crLfIsDeliveredAsLfAndCrNulAsCr() throws Exception {
        assertDecodes(Bytes.of("a\r\nb\r", 0, "c"), data("a\nb\rc"));
    }

    @Test
    void crFollowedByOtherIsKeptWithIt() throws Exception {
        assertDecodes(Bytes.of("a\rb\r\r\n"), data("a\rb\r\n"));
    }

    @Test
    void crBeforeIacIsABareCrThenTheCommand() throws Exception {
        assertDecodes(Bytes.of("x\r", IAC, NOP, "y"), data("x\r"), new TelnetEvent.Command(NOP), data("y"));
    }

    @Test
    void aTrailingCrWaitsForTheNextByte() throws Exception {
        TelnetDecoder decoder = new TelnetDecoder(64);
        List<TelnetEvent> events = new ArrayList<>();
        decoder.decode(Bytes.of("ab\r"), events::add);
        assertEquals(List.of(data("ab")), events);
        assertEquals(DecoderState.CARRIAGE_RETURN, decoder.state());
    }

    @Test
    void negotiationsAreDecoded() throws Exception {
        assertDecodes(Bytes.of(IAC, WILL, 1, IAC, WONT, 3, IAC, DO, 31, IAC, DONT, 24),
                new TelnetEvent.Negotiation(NegotiationVerb.WILL, 1),
                new TelnetEvent.Negotiation(NegotiationVerb.WONT, 3),
                new TelnetEvent.Negotiation(NegotiationVerb.DO, 31),
                new TelnetEvent.Negotiation(NegotiationVerb.DONT, 24));
    }

    @Test
    void commandsBetweenData() throws Exception {
        assertDecodes(Bytes.of("a", IAC, AYT, "b", IAC, 200),
                data("a"), new TelnetEvent.Command(AYT), data("b"), new TelnetEvent.Command(200));
    }

    @Test
    void subnegotiationWithEscapedIac() throws Exception {
        assertDecodes(Bytes.of(IAC, SB, 31, 0, IAC, IAC, 0, 24, IAC, SE, "z"),
                new TelnetEvent.Subnegotiation(31, Bytes.of(0, 255, 0, 24)), data("z"));
    }

    @Test
    void crInsideSubnegotiationIsNotTranslated() throws Exception {
        assertDecodes(Bytes.of(IAC, SB, 24, 0, "\r", 0, IAC, SE),
                new TelnetEvent.Subnegotiation(24, Bytes.of(0, "\r", 0)));
    }

    @Test
    void emptySubnegotiation() throws Exception {
        assertDecodes(Bytes.of(IAC, SB, 39, IAC, SE), new TelnetEvent.Subnegotiation(39, new byte[0]));
    }

    @Test
    void commandInsideSubnegotiationEndsItThenRuns() throws Exception {
        assertDecodes(Bytes.of(IAC, SB, 24, 0, "vt", IAC, WILL, 1, "q"),
                new TelnetEvent.Subnegotiation(24, Bytes.of(0, "vt")),
                new TelnetEvent.Negotiation(NegotiationVerb.WILL, 1), data("q"));
    }

    @Test
    void strayIacSeOutsideSubnegotiationIsACommand() throws Exception {
        assertDecodes(Bytes.of(IAC, SE, "a"), new TelnetEvent.Command(SE), data("a"));
    }

    @Test
    void subnegotiationAtTheLimitPassesAndOneMoreFails() throws Exception {
        TelnetDecoder decoder = new TelnetDecoder(4);
        List<TelnetEvent> events = new ArrayList<>();
        decoder.decode(Bytes.of(IAC, SB, 24, "abcd", IAC, SE), events::add);
        assertEquals(List.of(new TelnetEvent.Subnegotiation(24, Bytes.of("abcd"))), events);
        events.clear();
        TelnetDecodeException e = assertThrows(TelnetDecodeException.class,
                () -> decoder.decode(Bytes.of("ok", IAC, SB, 24, "abcde"), events::add));
        assertEquals(TelnetDecodeException.Reason.SUBNEGOTIATION_TOO_LONG, e.reason());
        assertEquals(List.of(data("ok")), events, "data before the failure is delivered");
        assertEquals(DecoderState.FAILED, decoder.state());
        TelnetDecodeException again = assertThrows(TelnetDecodeException.class,
                () -> decoder.decode(Bytes.of("x"), events::add));
        assertEquals(TelnetDecodeException.Reason.ALREADY_FAILED, again.reason());
    }

    @Test
    void unterminatedSubnegotiationIsHeldPending() throws Exception {
        TelnetDecoder decoder = new TelnetDecoder(64);
        List<TelnetEvent> events = new ArrayList<>();
        decoder.decode(Bytes.of(IAC, SB, 24, "xterm"), events::add);
        assertEquals(List.of(), events);
        assertEquals(DecoderState.SUBNEGOTIATION, decoder.state());
        assertEquals(5, decoder.pendingSubnegotiationBytes());
    }

    @Test
    void encoderEscapesAndDecoderRoundTripsEveryByte() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        TelnetDecoder decoder = new TelnetDecoder(512);
        List<TelnetEvent> events = new ArrayList<>();
        decoder.decode(TelnetEncoder.subnegotiation(39, all), events::add);
        assertEquals(1, events.size());
        assertArrayEquals(all, ((TelnetEvent.Subnegotiation) events.get(0)).parameters());
        assertArrayEquals(Bytes.of("a", IAC, IAC, "b"), TelnetEncoder.escape(Bytes.of("a", IAC, "b")));
        assertArrayEquals(Bytes.of(IAC, DO, 31), TelnetEncoder.negotiation(NegotiationVerb.DO, 31));
    }
}
