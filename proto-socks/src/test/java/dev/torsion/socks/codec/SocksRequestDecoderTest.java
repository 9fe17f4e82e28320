package dev.torsion.socks.codec;

import static dev.torsion.socks.support.Bytes.of;
import static dev.torsion.socks.support.Bytes.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.codec.SocksMessage.Greeting;
import dev.torsion.socks.codec.SocksMessage.PasswordAuthentication;
import dev.torsion.socks.codec.SocksMessage.Socks4Request;
import dev.torsion.socks.codec.SocksMessage.Socks5Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The decoder over every split and byte by byte, its failures, and its limits. */
class SocksRequestDecoderTest {
    private static final byte[] PASSWORD_AUTH = of(1, 5, "alice", 6, "s3cret");

    /** The decoder's output for {@code input} cut at {@code cuts}, answering greetings with {@code method}. */
    private static Run decode(byte[] input, int method, int... cuts) {
        SocksRequestDecoder decoder = new SocksRequestDecoder(SocksLimits.DEFAULT);
        List<SocksMessage> messages = new ArrayList<>();
        int from = 0;
        int[] ends = IntStream.concat(Arrays.stream(cuts), IntStream.of(input.length)).toArray();
        for (int end : ends) {
            messages.addAll(decoder.feed(Arrays.copyOfRange(input, from, end)));
            from = end;
            answer(decoder, messages, method);
        }
        return new Run(decoder, messages);
    }

    private static void answer(SocksRequestDecoder decoder, List<SocksMessage> messages, int method) {
        boolean again = true;
        while (again) {
            again = false;
            if (decoder.state() == DecoderState.AWAITING_METHOD_CHOICE) {
                messages.addAll(decoder.methodChosen(method));
                again = true;
            } else if (decoder.state() == DecoderState.AWAITING_AUTHENTICATION) {
                messages.addAll(decoder.authenticated());
                again = true;
            }
        }
    }

    /** Every two-way split and the byte-by-byte feed give {@code expected}. */
    private static void assertEverySplit(byte[] input, int method, List<String> expected, byte[] remainder) {
        List<Run> runs = new ArrayList<>();
        for (int cut = 0; cut <= input.length; cut++) {
            runs.add(decode(input, method, cut));
        }
        runs.add(decode(input, method, IntStream.range(1, input.length).toArray()));
        for (Run run : runs) {
            assertEquals(expected, run.messages().stream().map(SocksRequestDecoderTest::describe).toList());
            assertEquals(DecoderState.DONE, run.decoder().state());
            assertArrayEquals(remainder, run.decoder().takeRemainder());
        }
    }

    /** A comparable text for a message (records with byte[] fields do not compare by content). */
    private static String describe(SocksMessage message) {
        if (message instanceof PasswordAuthentication auth) {
            return "auth " + auth.username() + "/" + new String(auth.password());
        }
        return message.toString();
    }

    private record Run(SocksRequestDecoder decoder, List<SocksMessage> messages) {
    }

    @Test
    void socks4ConnectWithUserId() {
        assertEverySplit(of(4, 1, 0, 80, 192, 0, 2, 7, "bob", 0), 0,
                List.of(new Socks4Request(SocksCommand.CONNECT, new Destination(AddressType.IPV4, "192.0.2.7", 80), "bob")
                        .toString()), new byte[0]);
    }

    @Test
    void socks4aNameFollowsTheUserId() {
        assertEverySplit(of(4, 1, 1, 187, 0, 0, 0, 1, 0, "example.org", 0, "GET"), 0,
                List.of(new Socks4Request(SocksCommand.CONNECT, new Destination(AddressType.DOMAIN, "example.org", 443), "")
                        .toString()), of("GET"));
    }

    @Test
    void socks5NoAuthIpv4() {
        assertEverySplit(of(5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0x1f, 0x90), 0,
                List.of(new Greeting(List.of(0)).toString(),
                        new Socks5Request(SocksCommand.CONNECT, new Destination(AddressType.IPV4, "127.0.0.1", 8080)).toString()),
                new byte[0]);
    }

    @Test
    void socks5Ipv6AndPayload() {
        byte[] v6 = of(0x20, 0x01, 0x0d, 0xb8, repeat(0, 11), 1);
        assertEverySplit(of(5, 2, 0, 2, 5, 1, 0, 4, v6, 0, 22, "SSH-2.0"), 0,
                List.of(new Greeting(List.of(0, 2)).toString(),
                        new Socks5Request(SocksCommand.CONNECT, new Destination(AddressType.IPV6, "2001:db8:0:0:0:0:0:1", 22))
                                .toString()),
                of("SSH-2.0"));
    }

    @Test
    void socks5PasswordThenDomainRequest() {
        assertEverySplit(of(5, 1, 2, PASSWORD_AUTH, 5, 3, 0, 3, 11, "example.com", 0, 80), 2,
                List.of(new Greeting(List.of(2)).toString(), "auth alice/s3cret",
                        new Socks5Request(SocksCommand.UDP_ASSOCIATE, new Destination(AddressType.DOMAIN, "example.com", 80))
                                .toString()),
                new byte[0]);
    }

    @Test
    void twoHundredFiftyFiveMethods() {
        byte[] methods = new byte[255];
        for (int i = 0; i < 255; i++) {
            methods[i] = (byte) (i + 1);
        }
        Run run = decode(of(5, 255, methods), 0);
        Greeting greeting = (Greeting) run.messages().get(0);
        assertEquals(255, greeting.methods().size());
        assertEquals(255, greeting.methods().get(254));
        assertEquals(DecoderState.AWAITING_METHOD_CHOICE, decodeWithoutAnswer(of(5, 255, methods)).state());
    }

    private static SocksRequestDecoder decodeWithoutAnswer(byte[] input) {
        SocksRequestDecoder decoder = new SocksRequestDecoder(SocksLimits.DEFAULT);
        decoder.feed(input);
        return decoder;
    }

    @Test
    void truncatedInputWaits() {
        assertEquals(DecoderState.GREETING, decodeWithoutAnswer(of(5, 255, repeat(0, 100))).state());
        assertEquals(DecoderState.SOCKS4_REQUEST, decodeWithoutAnswer(of(4, 1, 0, 80, 1, 2, 3, 4, "bo")).state());
        SocksRequestDecoder decoder = decodeWithoutAnswer(of(5, 1, 0));
        decoder.methodChosen(0);
        assertTrue(decoder.feed(of(5, 1, 0, 3, 200, "only-ten-b")).isEmpty(), "a lying domain length waits");
        assertEquals(DecoderState.REQUEST, decoder.state());
    }

    private static DecodeError errorOf(byte[] input, int method) {
        Run whole = decode(input, method);
        Run byByte = decode(input, method, IntStream.range(1, input.length).toArray());
        assertEquals(DecoderState.FAILED, whole.decoder().state());
        assertEquals(whole.decoder().error(), byByte.decoder().error());
        assertTrue(whole.decoder().feed(of(5, 1, 0)).isEmpty(), "FAILED is terminal");
        return whole.decoder().error();
    }

    @Test
    void malformedInputFailsWithTheRightError() {
        assertEquals(DecodeError.UNKNOWN_VERSION, errorOf(of(6, 1, 0), 0));
        assertEquals(DecodeError.UNKNOWN_VERSION, errorOf(of("GET / HTTP/1.1\r\n"), 0));
        assertEquals(DecodeError.NO_METHODS, errorOf(of(5, 0), 0));
        assertEquals(DecodeError.AUTHENTICATION_MALFORMED, errorOf(of(5, 1, 2, 2, 1, "a", 1, "b"), 2));
        assertEquals(DecodeError.REQUEST_MALFORMED, errorOf(of(5, 1, 0, 4, 1, 0, 1), 0));
        assertEquals(DecodeError.REQUEST_MALFORMED, errorOf(of(5, 1, 0, 5, 1, 0, 3, 0, 0, 80), 0));
        assertEquals(DecodeError.REQUEST_MALFORMED, errorOf(of(5, 1, 0, 5, 1, 0, 3, 3, "a", 0, "b", 0, 80), 0));
        assertEquals(DecodeError.ADDRESS_TYPE_NOT_SUPPORTED, errorOf(of(5, 1, 0, 5, 1, 0, 9, 1, 2, 3, 4), 0));
        assertEquals(DecodeError.SOCKS4_MALFORMED, errorOf(of(4, 1, 0, 80, 1, 2, 3, 4, repeat('u', 256), 0), 0));
        assertEquals(DecodeError.SOCKS4_MALFORMED, errorOf(of(4, 1, 0, 80, 0, 0, 0, 9, 0, 0), 0));
        assertEquals(DecodeError.SOCKS4_MALFORMED, errorOf(of(4, 1, 0, 80, 0, 0, 0, 9, 0, repeat('h', 256), 0), 0));
    }

    @Test
    void overlongUserIdFailsBeforeItsEnd() {
        SocksRequestDecoder decoder = decodeWithoutAnswer(of(4, 1, 0, 80, 1, 2, 3, 4, repeat('u', 256)));
        assertEquals(DecodeError.SOCKS4_MALFORMED, decoder.error());
    }

    @Test
    void bytesPiledUpWhileAwaitingAnAnswerAreBounded() {
        SocksRequestDecoder decoder = decodeWithoutAnswer(of(5, 1, 2));
        decoder.feed(repeat(1, 2000));
        assertEquals(DecoderState.AWAITING_METHOD_CHOICE, decoder.state());
        decoder.feed(repeat(1, 100));
        assertEquals(DecodeError.HANDSHAKE_TOO_LONG, decoder.error());
    }

    @Test
    void passwordIsNotInToString() {
        Run run = decode(of(5, 1, 2, PASSWORD_AUTH, 5, 1, 0, 1, 1, 2, 3, 4, 0, 80), 2);
        assertTrue(!run.messages().get(1).toString().contains("s3cret"));
    }
}
