package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Opcode;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.dns.zone.Zone;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secondary transferring from Torsion's own primary over real sockets; its timers on a TestClock. */
class SecondaryZoneTest {
    private static final Name ORIGIN = Name.parse("sec.test.");
    private static final DnsLimits FAST = DnsLimits.DEFAULTS.withQueryTimeout(Duration.ofMillis(500), 1);

    private static Zone zone(long serial, String extra) throws Exception {
        return ZoneFileParser.parse("$TTL 60\n@ SOA ns h " + serial + " 60 10 100 30\n@ NS ns\nns A 192.0.2.1\n" + extra,
                ORIGIN, DnsLimits.DEFAULTS);
    }

    @Test
    void transfersRefreshesOnANewerSerialAndExpires() throws Exception {
        ZoneAuthority primaryZone = new ZoneAuthority(zone(1, "www A 192.0.2.80\n"), DnsLimits.DEFAULTS);
        try (LiveDnsServer primary = new LiveDnsServer(new LiveReactor(),
                new DnsServer(List.of(primaryZone), null, DnsLimits.DEFAULTS, peer -> true))) {
            LiveReactor live = primary.live;
            TestClock clock = new TestClock();
            SecondaryZone secondary = new SecondaryZone(live.reactor, clock, ORIGIN,
                    new NameServer("127.0.0.1", primary.port), FAST);
            assertEquals(Rcode.SERVFAIL, secondary.authority().answer(Question.of(Name.parse("www.sec.test."), RRType.A)).rcode());

            assertTrue(live.await(secondary::start));
            assertEquals(SecondaryState.SERVING, secondary.state());
            Answer www = secondary.authority().answer(Question.of(Name.parse("www.sec.test."), RRType.A));
            assertEquals("192.0.2.80", www.answers().get(0).data().toString());
            assertTrue(www.authoritative());
            assertEquals(60, live.<Long>call(() -> clock.getDelayedCalls().get(0).time() / 1_000_000_000L), "REFRESH timer");

            assertFalse(live.await(secondary::refresh), "same serial: no transfer");
            primaryZone.replace(zone(2, "www A 192.0.2.81\nnew A 192.0.2.82\n"));
            assertTrue(live.await(secondary::refresh), "newer serial: transferred");
            assertEquals("192.0.2.82", secondary.authority().answer(Question.of(Name.parse("new.sec.test."), RRType.A))
                    .answers().get(0).data().toString());

            primaryZone.replace(null);
            assertFalse(live.await(secondary::refresh));
            assertEquals(SecondaryState.SERVING, secondary.state(), "within EXPIRE the copy stays");
            live.call(() -> {
                clock.advance(Duration.ofSeconds(5));
                return null;
            });
            live.call(() -> {
                clock.advance(Duration.ofSeconds(100));
                return null;
            });
            assertFalse(live.await(secondary::refresh));
            assertEquals(SecondaryState.EXPIRED, secondary.state());
            assertEquals(Rcode.SERVFAIL, secondary.authority().answer(Question.of(Name.parse("www.sec.test."), RRType.A)).rcode());
            live.call(() -> {
                secondary.stop();
                return null;
            });
        }
    }

    @Test
    void aNotifyFromThePrimaryRefreshesAtOnce() throws Exception {
        ZoneAuthority primaryZone = new ZoneAuthority(zone(1, "www A 192.0.2.80\n"), DnsLimits.DEFAULTS);
        try (LiveDnsServer primary = new LiveDnsServer(new LiveReactor(),
                new DnsServer(List.of(primaryZone), null, DnsLimits.DEFAULTS, peer -> true))) {
            LiveReactor live = primary.live;
            SecondaryZone secondary = new SecondaryZone(live.reactor, new TestClock(), ORIGIN,
                    new NameServer("127.0.0.1", primary.port), FAST);
            DnsServer server = new DnsServer(List.of(secondary.authority()), null, DnsLimits.DEFAULTS, peer -> false)
                    .addSecondary(secondary);
            assertTrue(live.await(secondary::start));
            primaryZone.replace(zone(5, "www A 192.0.2.85\n"));
            byte[] notify = MessageCodec.encode(new Message(77, Opcode.NOTIFY << 11 | Message.AA, Rcode.NOERROR,
                    List.of(Question.of(ORIGIN, RRType.SOA)), List.of(), List.of(), List.of(), null));
            Message reply = live.await(() -> {
                Deferred<Boolean> refreshed = secondary.whenRefreshed();
                return server.handle(notify, DnsServer.Transport.UDP, new IPv4Address(SocketType.UDP, "127.0.0.1", 53))
                        .addCallbackDeferred(outcome -> refreshed.addCallback(transferred -> {
                            assertTrue(transferred);
                            return MessageCodec.decode(outcome.replies().get(0), DnsLimits.DEFAULTS);
                        }));
            });
            assertEquals(Rcode.NOERROR, reply.rcode());
            assertTrue(reply.has(Message.AA) && reply.has(Message.QR));
            assertEquals(Opcode.NOTIFY, reply.opcode());
            assertEquals("192.0.2.85", secondary.authority().answer(Question.of(Name.parse("www.sec.test."), RRType.A))
                    .answers().get(0).data().toString());
            Message refused = live.await(() -> server.handle(notify, DnsServer.Transport.UDP,
                    new IPv4Address(SocketType.UDP, "192.0.2.66", 53)).addCallback(o -> MessageCodec.decode(o.replies().get(0),
                            DnsLimits.DEFAULTS)));
            assertEquals(Rcode.REFUSED, refused.rcode(), "only the primary may NOTIFY (RFC 1996 section 3.10)");
            live.call(() -> {
                secondary.stop();
                return null;
            });
        }
    }

    @Test
    void serialArithmetic() {
        assertTrue(SecondaryZone.serialNewer(2, 1));
        assertFalse(SecondaryZone.serialNewer(1, 1));
        assertFalse(SecondaryZone.serialNewer(1, 2));
        assertTrue(SecondaryZone.serialNewer(1, 0xffffffffL), "wraps (RFC 1982)");
    }
}
