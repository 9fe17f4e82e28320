package dev.torsion.dns.server;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Edns;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.support.TestZone;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.TestClock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerCookiesTest {
    private static final IPv4Address ALICE = new IPv4Address(SocketType.UDP, "192.0.2.10", 5353);
    private static final IPv4Address MALLORY = new IPv4Address(SocketType.UDP, "198.51.100.66", 5353);
    private static final byte[] CLIENT = HexFormat.of().parseHex("0102030405060708");

    @Test
    void sipHashMatchesTheReferenceVector() {
        ServerCookies cookies = new ServerCookies(() -> 0);
        cookies.setKey(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        byte[] message = new byte[15];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, cookies.sipHash24(message));
    }

    private static Edns withCookie(byte[] cookie) {
        return new Edns(1232, 0, false, List.of(new Edns.Option(ServerCookies.OPTION, cookie)));
    }

    @Test
    void aServerCookieVerifiesForItsClientAndAddressWithinAnHour() {
        AtomicLong now = new AtomicLong(1_700_000_000L);
        ServerCookies cookies = new ServerCookies(now::get);
        byte[] reply = cookies.replyOption(withCookie(CLIENT), ALICE).data();
        assertEquals(24, reply.length);
        assertArrayEquals(CLIENT, Arrays.copyOf(reply, 8));
        assertEquals(1, reply[8], "RFC 9018 version 1");
        assertEquals(ServerCookies.Check.VERIFIED, cookies.check(withCookie(reply), ALICE));
        assertEquals(ServerCookies.Check.CLIENT_ONLY, cookies.check(withCookie(reply), MALLORY));
        byte[] otherClient = reply.clone();
        otherClient[0] ^= 1;
        assertEquals(ServerCookies.Check.CLIENT_ONLY, cookies.check(withCookie(otherClient), ALICE));
        now.addAndGet(3601);
        assertEquals(ServerCookies.Check.CLIENT_ONLY, cookies.check(withCookie(reply), ALICE), "stale");
        assertEquals(ServerCookies.Check.NONE, cookies.check(Edns.of(1232), ALICE));
        for (int bad : new int[] {7, 9, 15, 41}) {
            assertEquals(ServerCookies.Check.MALFORMED, cookies.check(withCookie(new byte[bad]), ALICE), "length " + bad);
        }
    }

    @Test
    void theServerEchoesCookiesRefusesBadOnesAndExemptsVerifiedClientsFromRrl() throws Exception {
        ServerCookies cookies = new ServerCookies();
        DnsServer server = new DnsServer(List.of(new ZoneAuthority(TestZone.load(), DnsLimits.DEFAULTS)), null,
                DnsLimits.DEFAULTS, p -> false).setCookies(cookies)
                .setRateLimiter(new ResponseRateLimiter(new TestClock(), new ResponseRateLimiter.Config(1, 0, 10)));
        Question q = Question.of(Name.parse("web.example.org."), RRType.A);
        Message first = ask(server, Message.query(1, q, false, withCookie(CLIENT)));
        byte[] cookie = ServerCookies.option(first.edns());
        assertArrayEquals(CLIENT, Arrays.copyOf(cookie, 8));
        for (int i = 0; i < 3; i++) {
            Message again = ask(server, Message.query(2 + i, q, false, withCookie(cookie)));
            assertEquals(1, again.answers().size(), "verified: not rate limited");
        }
        Outcome limited = successResultOf(server.handle(MessageCodec.encode(Message.query(9, q, false, withCookie(CLIENT))),
                DnsServer.Transport.UDP, ALICE));
        assertEquals(0, limited.replies().size(), "an unverified client over the limit is dropped");
        Message bad = ask(new DnsServer(List.of(), null, DnsLimits.DEFAULTS, p -> false).setCookies(cookies),
                Message.query(3, q, false, withCookie(new byte[9])));
        assertEquals(Rcode.FORMERR, bad.rcode());
    }

    private static Message ask(DnsServer server, Message query) throws Exception {
        Outcome outcome = successResultOf(server.handle(MessageCodec.encode(query), DnsServer.Transport.UDP, ALICE));
        return MessageCodec.decode(outcome.replies().get(0), DnsLimits.DEFAULTS);
    }
}
