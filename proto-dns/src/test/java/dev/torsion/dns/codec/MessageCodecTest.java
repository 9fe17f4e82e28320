package dev.torsion.dns.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.support.TestZone;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final DnsLimits LIMITS = DnsLimits.DEFAULTS.withUdpPayloadSize(4096);
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesAQueryAsDigDoes() throws Exception {
        Message query = Message.query(0x1234, Question.of(Name.parse("www.Example.org."), RRType.A), true, null);
        byte[] wire = MessageCodec.encode(query);
        assertEquals("123401000001000000000000" + "03777777" + "074578616d706c65" + "036f726700" + "00010001",
                HEX.formatHex(wire));
        Message back = MessageCodec.decode(wire, LIMITS);
        assertTrue(back.question().name().equalsExactly(Name.parse("www.Example.org.")), "case preserved");
        assertEquals(query, back);
    }

    @Test
    void compressesNamesOnOutputAndReadsThemBack() throws Exception {
        Name owner = Name.parse("example.org.");
        Message m = new Message(7, Message.QR | Message.AA, Rcode.NOERROR, List.of(Question.of(owner, RRType.MX)),
                List.of(ResourceRecord.of(owner, 60, RData.of(RRType.MX, 10L, Name.parse("mail.example.org.")))),
                List.of(), List.of(), null);
        byte[] wire = MessageCodec.encode(m);
        // Owner points to the question's name at offset 12; the exchange is "mail" + a pointer to offset 12.
        String hex = HEX.formatHex(wire);
        assertTrue(hex.contains("c00c000f0001"), hex);
        assertTrue(hex.endsWith("000a046d61696cc00c"), hex);
        assertEquals(m, MessageCodec.decode(wire, LIMITS));
    }

    @Test
    void refusesPointerLoopsAndForwardPointers() {
        byte[] loop = HEX.parseHex("abcd00000001000000000000" + "c00c" + "00010001");
        DnsFormatException e = assertThrows(DnsFormatException.class, () -> MessageCodec.decode(loop, LIMITS));
        assertTrue(e.getMessage().contains("backwards"), e.getMessage());
        assertEquals(0xabcd, e.id());
        byte[] forward = HEX.parseHex("abcd00000001000000000000" + "c012" + "00010001" + "0000");
        assertThrows(DnsFormatException.class, () -> MessageCodec.decode(forward, LIMITS));
    }

    @Test
    void refusesCountsThatLieBeforeReading() {
        byte[] lie = HEX.parseHex("0001000000010000ffff0000" + "0000010001");
        DnsFormatException e = assertThrows(DnsFormatException.class, () -> MessageCodec.decode(lie, LIMITS));
        assertTrue(e.getMessage().contains("counts"), e.getMessage());
    }

    @Test
    void refusesLongLabelsAndNames() {
        StringBuilder hex = new StringBuilder("000100000001000000000000");
        for (int i = 0; i < 4; i++) {
            hex.append("3f").append("61".repeat(63));
        }
        hex.append("00").append("00010001");
        DnsFormatException e = assertThrows(DnsFormatException.class,
                () -> MessageCodec.decode(HEX.parseHex(hex.toString()), LIMITS));
        assertTrue(e.getMessage().contains("255"), e.getMessage());
        byte[] label64 = HEX.parseHex("000100000001000000000000" + "40" + "61".repeat(64) + "0000010001");
        assertThrows(DnsFormatException.class, () -> MessageCodec.decode(label64, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> Name.parse("a".repeat(64) + ".org."));
    }

    @Test
    void carriesEdnsAndTheExtendedRcode() throws Exception {
        Edns edns = new Edns(1232, 0, true, List.of(new Edns.Option(10, HEX.parseHex("0102030405060708"))));
        Message m = new Message(9, Message.QR, Rcode.BADVERS, List.of(Question.of(Name.ROOT, RRType.NS)), List.of(),
                List.of(), List.of(), edns);
        byte[] wire = MessageCodec.encode(m);
        // RCODE 16: 0 in the header, 1 in the OPT TTL's top octet (RFC 6891 section 6.1.3).
        assertEquals(0, wire[3] & 0xf);
        String hex = HEX.formatHex(wire);
        assertTrue(hex.contains("00002904d001008000"), hex);
        Message back = MessageCodec.decode(wire, LIMITS);
        assertEquals(Rcode.BADVERS, back.rcode());
        assertEquals(1232, back.edns().udpPayloadSize());
        assertTrue(back.edns().dnssecOk());
        assertArrayEquals(HEX.parseHex("0102030405060708"), back.edns().options().get(0).data());
    }

    @Test
    void refusesAnOptOutOfPlaceOrTwice() {
        String opt = "0000291000000000000000";
        byte[] inAnswer = HEX.parseHex("000180000000000100000000" + opt);
        assertThrows(DnsFormatException.class, () -> MessageCodec.decode(inAnswer, LIMITS));
        byte[] twice = HEX.parseHex("000180000000000000000002" + opt + opt);
        assertThrows(DnsFormatException.class, () -> MessageCodec.decode(twice, LIMITS));
    }

    @Test
    void truncatesToTheSizeGivenAndSetsTc() throws Exception {
        Name owner = Name.parse("big.example.org.");
        List<ResourceRecord> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(ResourceRecord.of(owner, 60, RData.of(RRType.A, (Object) new byte[] {10, 0, 0, (byte) i})));
        }
        Message m = new Message(1, Message.QR, 0, List.of(Question.of(owner, RRType.A)), answers, List.of(), List.of(),
                Edns.of(512));
        byte[] wire = MessageCodec.encode(m, 512);
        assertTrue(wire.length <= 512);
        Message back = MessageCodec.decode(wire, LIMITS);
        assertTrue(back.has(Message.TC));
        assertEquals(0, back.answers().size());
        assertEquals(512, back.edns().udpPayloadSize(), "OPT kept");
        assertEquals(60, MessageCodec.decode(MessageCodec.encode(m, 4096), LIMITS).answers().size());
    }

    @Test
    void everyTypeRoundTripsInWireAndPresentationForm() throws Exception {
        List<Integer> seen = new ArrayList<>();
        for (ResourceRecord record : TestZone.load().records()) {
            byte[] wire = record.data().canonicalWire();
            RData fromWire = RData.opaque(record.type(), wire);
            assertEquals(record.data(), fromWire, record.toString());
            String text = record.data().toString();
            List<Token> tokens = tokens(text);
            assertEquals(record.data(), RData.parse(record.type(), tokens, Name.ROOT), text);
            assertEquals(text, RData.parse(record.type(), tokens, Name.ROOT).toString());
            seen.add(record.type());
        }
        for (int type : List.of(RRType.A, RRType.AAAA, RRType.NS, RRType.CNAME, RRType.DNAME, RRType.SOA, RRType.PTR,
                RRType.MX, RRType.TXT, RRType.SRV, RRType.NAPTR, RRType.CAA, RRType.SSHFP, RRType.TLSA, RRType.SVCB,
                RRType.HTTPS, RRType.DS, RRType.DNSKEY, RRType.RRSIG, RRType.NSEC, RRType.NSEC3, 65280)) {
            assertTrue(seen.contains(type), "the test zone has no " + RRType.toString(type));
        }
    }

    @Test
    void unknownTypesUseTheGenericForm() throws Exception {
        RData data = RData.parse(65280, tokens("\\# 4 0A000001"), Name.ROOT);
        assertEquals("\\# 4 0A000001", data.toString());
        // A known type in the generic form reads as the type itself (RFC 3597 section 5).
        assertEquals("192.0.2.2", RData.parse(RRType.A, tokens("\\# 4 C0000202"), Name.ROOT).toString());
        assertThrows(IllegalArgumentException.class, () -> RData.parse(RRType.A, tokens("\\# 5 C0000202"), Name.ROOT));
    }

    @Test
    void presentationFormsMatchBinds() {
        assertEquals("2001:db8::1", Presentation.address(Presentation.parseAddress("2001:0db8:0:0:0:0:0:1", 16)));
        assertEquals("2001:db8:0:1:1:1:1:1", Presentation.address(Presentation.parseAddress("2001:db8:0:1:1:1:1:1", 16)));
        assertEquals("::", Presentation.address(new byte[16]));
        assertEquals("\"a\\\"b\\\\c\\009\"", Presentation.quote(new byte[] {'a', '"', 'b', '\\', 'c', 9}));
        assertEquals("a\\.b.example.", Name.parse("a\\.b.example").toString());
        assertEquals("\\001.x.", Name.parse("\\001.x.").toString());
        assertEquals("20261231000000", Presentation.time(Presentation.parseTime("20261231000000")));
        assertArrayEquals(Presentation.parseBase32hex("2t7b4g4vsa5smi47k61mv5bv1a22bojr"),
                Presentation.parseBase32hex(Presentation.base32hex(Presentation.parseBase32hex("2T7B4G4VSA5SMI47K61MV5BV1A22BOJR"))));
        assertThrows(IllegalArgumentException.class, () -> Presentation.parseAddress("example.com", 4));
    }

    @Test
    void namesCompareCaseInsensitivelyAndKeepTheirCase() {
        Name a = Name.parse("WWW.Example.ORG.");
        Name b = Name.parse("www.example.org.");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equalsExactly(b));
        assertEquals("WWW.Example.ORG.", a.toString());
        assertTrue(a.isSubdomainOf(Name.parse("ORG.")));
        assertTrue(Name.parse("a.example.").compareTo(Name.parse("Z.a.example.")) < 0, "canonical order");
    }

    @Test
    void seededRandomMessagesRoundTrip() throws Exception {
        List<ResourceRecord> pool = TestZone.load().records();
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            Message m = randomMessage(random, pool);
            byte[] wire = MessageCodec.encode(m);
            Message back = MessageCodec.decode(wire, LIMITS);
            assertEquals(m, back, "seed " + seed);
            for (int i = 0; i < m.answers().size(); i++) {
                assertTrue(m.answers().get(i).name().equalsExactly(back.answers().get(i).name()), "case kept, seed " + seed);
            }
            assertArrayEquals(wire, MessageCodec.encode(back), "seed " + seed);
        }
    }

    static Message randomMessage(Random random, List<ResourceRecord> pool) {
        List<List<ResourceRecord>> sections = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<ResourceRecord> records = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                ResourceRecord r = pool.get(random.nextInt(pool.size()));
                records.add(new ResourceRecord(randomName(random), RRClass.IN, random.nextInt(Integer.MAX_VALUE), r.data()));
            }
            sections.add(records);
        }
        Edns edns = random.nextBoolean() ? null : new Edns(512 + random.nextInt(4000), 0, random.nextBoolean(), List.of());
        int rcode = random.nextInt(edns == null ? 16 : 4096);
        int flags = random.nextInt(0x10000) & 0xffb0 & ~0x0040;
        return new Message(random.nextInt(0x10000), flags, rcode, List.of(Question.of(randomName(random), 1 + random.nextInt(300))),
                sections.get(0), sections.get(1), sections.get(2), edns);
    }

    static Name randomName(Random random) {
        List<byte[]> labels = new ArrayList<>();
        int count = random.nextInt(5);
        String[] common = {"example", "ORG", "www", "Mail", "a"};
        for (int i = 0; i < count; i++) {
            if (random.nextInt(3) > 0) {
                labels.add(common[random.nextInt(common.length)].getBytes());
            } else {
                byte[] label = new byte[1 + random.nextInt(20)];
                random.nextBytes(label);
                labels.add(label);
            }
        }
        return Name.of(labels);
    }

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\') {
                        sb.append(text.charAt(j++));
                    }
                    sb.append(text.charAt(j++));
                }
                out.add(new Token(sb.toString(), true));
                i = j + 1;
            } else {
                int j = i;
                boolean quote = false;
                while (j < text.length() && (quote || text.charAt(j) != ' ')) {
                    if (text.charAt(j) == '"') {
                        quote = !quote;
                    }
                    j++;
                }
                out.add(Token.of(text.substring(i, j)));
                i = j;
            }
        }
        return out;
    }
}
