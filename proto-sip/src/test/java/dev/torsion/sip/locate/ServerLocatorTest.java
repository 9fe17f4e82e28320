package dev.torsion.sip.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipUri;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3263 section 4 on a fake resolver: every branch of transport, port and address selection. */
class ServerLocatorTest {
    private final FakeResolver dns = new FakeResolver();
    /** Draws that always pick the first record of the pool: the order is the zone's, weight-0 records first. */
    private final SrvOrdering firstInPool = new SrvOrdering(sum -> 0);

    private List<Destination> locate(String uri) throws SipParseException {
        return locate(new ServerLocator(dns, firstInPool, false, 16), uri);
    }

    private static List<Destination> locate(ServerLocator locator, String uri) throws SipParseException {
        Deferred<List<Destination>> result = locator.locate(SipUri.parse(uri));
        List<List<Destination>> out = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        result.addCallbacks(found -> out.add(found), failure -> errors.add(failure.value()));
        if (!errors.isEmpty()) {
            throw new AssertionError("failed", errors.get(0));
        }
        assertEquals(1, out.size(), "the fake resolver answers at once");
        return out.get(0);
    }

    private static Destination udp(String host, int port) {
        return new Destination(TransportKind.UDP, host, port);
    }

    private static Destination tcp(String host, int port) {
        return new Destination(TransportKind.TCP, host, port);
    }

    private static Destination tls(String host, int port) {
        return new Destination(TransportKind.TLS, host, port);
    }

    @Test
    void literalsNeedNoDns() throws Exception {
        assertEquals(List.of(udp("192.0.2.1", 5060)), locate("sip:bob@192.0.2.1"));
        assertEquals(List.of(tcp("192.0.2.1", 5070)), locate("sip:bob@192.0.2.1:5070;transport=tcp"));
        assertEquals(List.of(tls("192.0.2.1", 5061)), locate("sips:bob@192.0.2.1"));
        assertEquals(List.of(tls("192.0.2.1", 5061)), locate("sip:bob@192.0.2.1;transport=tls"), "TLS's default port");
        assertEquals(List.of(tls("192.0.2.1", 5061)), locate("sips:bob@192.0.2.1;transport=tcp"), "sips over TCP is TLS");
        assertEquals(List.of(udp("2001:db8::1", 5062)), locate("sip:bob@[2001:db8::1]:5062"));
        assertEquals(List.of(udp("127.0.0.1", 5060)), locate("sip:localhost"));
        assertEquals(List.of(), dns.asked);
    }

    @Test
    void maddrIsTheTarget() throws Exception {
        assertEquals(List.of(udp("192.0.2.9", 5080)), locate("sip:bob@example.test:5080;maddr=192.0.2.9"));
        dns.addresses.put("proxy.example.test", List.of("192.0.2.10"));
        assertEquals(List.of(tcp("192.0.2.10", 5090)), locate("sip:bob@example.test:5090;maddr=proxy.example.test;transport=tcp"));
        assertEquals(List.of("A proxy.example.test"), dns.asked);
    }

    @Test
    void aPortMeansAddressRecordsOnly() throws Exception {
        dns.addresses.put("example.test", List.of("192.0.2.1", "2001:db8::1"));
        assertEquals(List.of(udp("192.0.2.1", 5070), udp("2001:db8::1", 5070)), locate("sip:bob@example.test:5070"));
        assertEquals(List.of(tls("192.0.2.1", 5071), tls("2001:db8::1", 5071)), locate("sips:bob@Example.TEST:5071"));
        assertEquals(List.of("A example.test", "A example.test"), dns.asked, "no NAPTR, no SRV; names lower-cased");
    }

    @Test
    void aTransportParameterMeansSrvOfThatTransport() throws Exception {
        dns.srv.put("_sip._tcp.example.test", List.of(new SrvRecord(10, 0, 5080, "tcp.example.test")));
        dns.addresses.put("tcp.example.test", List.of("192.0.2.2"));
        assertEquals(List.of(tcp("192.0.2.2", 5080)), locate("sip:bob@example.test;transport=tcp"));
        assertEquals(List.of("SRV _sip._tcp.example.test", "A tcp.example.test"), dns.asked);
    }

    @Test
    void aTransportParameterWithoutSrvFallsBackToItsDefaultPort() throws Exception {
        dns.addresses.put("example.test", List.of("192.0.2.3"));
        assertEquals(List.of(tls("192.0.2.3", 5061)), locate("sip:bob@example.test;transport=tls"));
        assertEquals(List.of("SRV _sips._tcp.example.test", "A example.test"), dns.asked);
    }

    @Test
    void naptrInOrderThenPreferenceEachThroughItsSrv() throws Exception {
        dns.naptr.put("example.test", List.of(
                new NaptrRecord(20, 10, "s", "SIP+D2U", "", "_sip._udp.example.test"),
                new NaptrRecord(10, 20, "S", "SIP+D2T", "", "_sip._tcp.example.test"),
                new NaptrRecord(10, 10, "s", "SIP+D2T", "", "_sip._tcp.backup.example.test")));
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(0, 0, 5060, "u.example.test")));
        dns.srv.put("_sip._tcp.example.test", List.of(new SrvRecord(0, 0, 5060, "t.example.test")));
        dns.srv.put("_sip._tcp.backup.example.test", List.of(new SrvRecord(0, 0, 5062, "b.example.test")));
        dns.addresses.put("u.example.test", List.of("192.0.2.21"));
        dns.addresses.put("t.example.test", List.of("192.0.2.22"));
        dns.addresses.put("b.example.test", List.of("192.0.2.23"));
        assertEquals(List.of(tcp("192.0.2.23", 5062), tcp("192.0.2.22", 5060), udp("192.0.2.21", 5060)),
                locate("sip:bob@example.test"));
        assertEquals("NAPTR example.test", dns.asked.get(0));
    }

    @Test
    void naptrRecordsThisClientCannotUseAreSkipped() throws Exception {
        dns.naptr.put("example.test", List.of(
                new NaptrRecord(10, 10, "s", "SIPS+D2T", "", "_sips._tcp.example.test"),
                new NaptrRecord(10, 20, "s", "SIP+D2S", "", "_sip._sctp.example.test"),
                new NaptrRecord(10, 30, "a", "SIP+D2U", "", "udp.example.test"),
                new NaptrRecord(10, 40, "s", "SIP+D2U", "", "_sip._udp.example.test")));
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(0, 0, 5060, "u.example.test")));
        dns.srv.put("_sips._tcp.example.test", List.of(new SrvRecord(0, 0, 5061, "s.example.test")));
        dns.addresses.put("u.example.test", List.of("192.0.2.31"));
        dns.addresses.put("s.example.test", List.of("192.0.2.32"));
        assertEquals(List.of(udp("192.0.2.31", 5060)), locate("sip:bob@example.test"),
                "SIPS+D2T without outgoing TLS, SCTP and an 'a' flag are dropped");
        ServerLocator withTls = new ServerLocator(dns, firstInPool, true, 16);
        assertEquals(List.of(tls("192.0.2.32", 5061), udp("192.0.2.31", 5060)), locate(withTls, "sip:bob@example.test"));
        assertEquals(List.of(tls("192.0.2.32", 5061)), locate("sips:bob@example.test"), "a sips: URI keeps SIPS+D2T alone");
    }

    @Test
    void withoutNaptrEverySupportedTransportIsProbed() throws Exception {
        dns.srv.put("_sip._tcp.example.test", List.of(new SrvRecord(0, 0, 5070, "t.example.test")));
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(0, 0, 5071, "u.example.test")));
        dns.addresses.put("t.example.test", List.of("192.0.2.41"));
        dns.addresses.put("u.example.test", List.of("192.0.2.42"));
        assertEquals(List.of(udp("192.0.2.42", 5071), tcp("192.0.2.41", 5070)), locate("sip:bob@example.test"));
        assertEquals(List.of("NAPTR example.test", "SRV _sip._udp.example.test", "A u.example.test",
                "SRV _sip._tcp.example.test", "A t.example.test"), dns.asked);
        dns.asked.clear();
        locate("sips:bob@example.test");
        assertEquals(List.of("NAPTR example.test", "SRV _sips._tcp.example.test", "A example.test"), dns.asked);
    }

    @Test
    void withoutNaptrAndSrvTheAddressesAtTheDefaultPort() throws Exception {
        dns.addresses.put("example.test", List.of("192.0.2.51"));
        assertEquals(List.of(udp("192.0.2.51", 5060)), locate("sip:bob@example.test"));
        assertEquals(List.of(tls("192.0.2.51", 5061)), locate("sips:bob@example.test"));
    }

    @Test
    void srvTargetsInPriorityOrderAndADotMeansNoService() throws Exception {
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(20, 0, 5060, "late.example.test"),
                new SrvRecord(10, 0, 5060, "early.example.test")));
        dns.srv.put("_sip._tcp.example.test", List.of(new SrvRecord(0, 0, 0, ".")));
        dns.addresses.put("late.example.test", List.of("192.0.2.62"));
        dns.addresses.put("early.example.test", List.of("192.0.2.61"));
        assertEquals(List.of(udp("192.0.2.61", 5060), udp("192.0.2.62", 5060)), locate("sip:bob@example.test"));
    }

    @Test
    void aNameWithoutAnyRecordHasNoDestination() throws Exception {
        assertEquals(List.of(), locate("sip:bob@nowhere.test"));
    }

    @Test
    void withoutAResolverOnlyLiterals() throws Exception {
        ServerLocator literalsOnly = new ServerLocator(null, firstInPool, false, 16);
        assertEquals(List.of(), locate(literalsOnly, "sip:bob@example.test"));
        assertEquals(List.of(udp("192.0.2.1", 5060)), locate(literalsOnly, "sip:bob@192.0.2.1"));
        assertNull(ServerLocator.literal(SipUri.parse("sip:bob@example.test")));
    }

    @Test
    void atMostTheLimitOfDestinations() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            many.add("192.0.2." + i);
        }
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(0, 0, 5060, "a.example.test"),
                new SrvRecord(1, 0, 5060, "b.example.test")));
        dns.addresses.put("a.example.test", many);
        dns.addresses.put("b.example.test", many);
        List<Destination> found = locate(new ServerLocator(dns, firstInPool, false, 4), "sip:bob@example.test");
        assertEquals(4, found.size());
        assertTrue(!dns.asked.contains("A b.example.test"), "no lookups once the limit is reached: " + dns.asked);
    }

    @Test
    void aFailedLookupFailsTheLocation() throws Exception {
        dns.failing.add("example.test");
        ServerLocator locator = new ServerLocator(dns, firstInPool, false, 16);
        List<Throwable> errors = new ArrayList<>();
        locator.locate(SipUri.parse("sip:bob@example.test")).addErrback(failure -> {
            errors.add(failure.value());
            return List.of();
        });
        assertEquals(1, errors.size());
        assertEquals("SERVFAIL for example.test", errors.get(0).getMessage());
    }
}
