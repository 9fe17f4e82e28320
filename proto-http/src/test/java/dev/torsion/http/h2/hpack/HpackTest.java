package dev.torsion.http.h2.hpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HPACK against the examples of RFC 7541 Appendix C, and its refusals. */
class HpackTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replace(" ", ""));
    }

    private static List<HeaderField> fields(String... namesAndValues) {
        List<HeaderField> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return list;
    }

    private static void block(HpackDecoder decoder, String hex, int tableSize, String... expected) throws HpackException {
        assertEquals(fields(expected), decoder.decode(hex(hex)).fields());
        assertEquals(tableSize, decoder.tableSize());
    }

    @Test
    void fieldsRememberedPerNameEncodeAsTheyDidAndChangedValuesAfresh() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        encoder.encode(fields(":status", "204"));
        List<HeaderField> first = fields(":status", "200", "content-type", "text/plain", "date", "Sun, 06 Dec 2026 05:00:00 GMT");
        byte[] once = encoder.encode(first);
        assertArrayEquals(once, encoder.encode(first));
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        assertEquals(first, decoder.decode(once).fields());
        List<HeaderField> next = fields(":status", "200", "content-type", "text/plain", "date", "Sun, 06 Dec 2026 05:00:01 GMT");
        assertEquals(next, decoder.decode(encoder.encode(next)).fields());
        // Past the names it remembers, fields are still encoded right, each time.
        List<HeaderField> many = new ArrayList<>();
        for (int i = 0; i < HpackEncoder.MAX_REMEMBERED_NAMES + 10; i++) {
            many.add(new HeaderField("x-name-" + i, "value " + i));
        }
        assertEquals(many, decoder.decode(encoder.encode(many)).fields());
        List<HeaderField> changed = new ArrayList<>(many);
        changed.set(many.size() - 1, new HeaderField("x-name-" + (many.size() - 1), "another"));
        assertEquals(changed, decoder.decode(encoder.encode(changed)).fields());
    }

    @Test
    void appendixC2() throws HpackException {
        block(new HpackDecoder(4096, 1 << 16), "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572", 55,
                "custom-key", "custom-header");
        block(new HpackDecoder(4096, 1 << 16), "040c 2f73 616d 706c 652f 7061 7468", 0, ":path", "/sample/path");
        block(new HpackDecoder(4096, 1 << 16), "1008 7061 7373 776f 7264 0673 6563 7265 74", 0, "password", "secret");
        block(new HpackDecoder(4096, 1 << 16), "82", 0, ":method", "GET");
    }

    @Test
    void appendixC3RequestsWithoutHuffman() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        block(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", 57,
                ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
        block(decoder, "8286 84be 5808 6e6f 2d63 6163 6865", 110,
                ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com", "cache-control", "no-cache");
        block(decoder, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65", 164,
                ":method", "GET", ":scheme", "https", ":path", "/index.html", ":authority", "www.example.com",
                "custom-key", "custom-value");
    }

    @Test
    void appendixC4RequestsWithHuffman() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        block(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", 57,
                ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
        block(decoder, "8286 84be 5886 a8eb 1064 9cbf", 110,
                ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com", "cache-control", "no-cache");
        block(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf", 164,
                ":method", "GET", ":scheme", "https", ":path", "/index.html", ":authority", "www.example.com",
                "custom-key", "custom-value");
    }

    @Test
    void appendixC5ResponsesWithEviction() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(256, 1 << 16);
        block(decoder, "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 "
                + "3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", 222,
                ":status", "302", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "location", "https://www.example.com");
        block(decoder, "4803 3330 37c1 c0bf", 222,
                ":status", "307", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "location", "https://www.example.com");
        block(decoder, "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 "
                + "7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 "
                + "6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31", 215,
                ":status", "200", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:22 GMT",
                "location", "https://www.example.com", "content-encoding", "gzip",
                "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
        assertEquals(3, decoder.tableLength());
    }

    @Test
    void appendixC6ResponsesWithHuffman() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(256, 1 << 16);
        block(decoder, "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad "
                + "1718 63c7 8f0b 97c8 e9ae 82ae 43d3", 222,
                ":status", "302", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "location", "https://www.example.com");
        block(decoder, "4883 640e ffc1 c0bf", 222,
                ":status", "307", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "location", "https://www.example.com");
        block(decoder, "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 "
                + "e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07", 215,
                ":status", "200", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:22 GMT",
                "location", "https://www.example.com", "content-encoding", "gzip",
                "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
    }

    @Test
    void huffmanRoundTripsAndMatchesTheRfc() throws HpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Huffman.encode("www.example.com".getBytes(StandardCharsets.ISO_8859_1), out);
        assertArrayEquals(hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff"), out.toByteArray());
        Random random = new Random(7541);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            Huffman.encode(data, encoded);
            assertEquals(Huffman.encodedLength(data), encoded.size());
            assertArrayEquals(data, Huffman.decode(encoded.toByteArray(), 0, encoded.size()));
        }
    }

    @Test
    void theEncoderRoundTripsThroughTheDecoder() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        List<HeaderField> response = fields(":status", "200", "content-type", "text/html; charset=utf-8",
                "content-length", "13", "x-custom", "Ünïcode bytes", "set-cookie", "a=b");
        byte[] first = encoder.encode(response);
        // The first block says the encoder uses no dynamic table; then :status 200 is static entry 8.
        assertEquals(0x20, first[0] & 0xFF);
        assertEquals(0x88, first[1] & 0xFF);
        assertEquals(response, decoder.decode(first).fields());
        byte[] second = encoder.encode(response);
        assertEquals(0x88, second[0] & 0xFF);
        assertEquals(response, decoder.decode(second).fields());
        assertEquals(0, decoder.tableSize());
    }

    @Test
    void refusals() {
        String[] bad = {
            "80",                       // index 0
            "be",                       // index 62 with an empty dynamic table
            "ff80808080808008",         // an integer far too long
            "40",                       // a literal with no name
            "4005616263",               // a name of 5 octets with 3 present
            "400a8161",                 // a name length running past the block
            "408165",                   // a Huffman name: "e" is 00101 + padding 0s (padding not EOS)
            "4084ffffffff0161",         // a Huffman string that holds EOS
            "3fe21f",                   // a size update to 4096+ over the announced 4096? (4096+32 here)
            "8220",                     // a size update after a field
        };
        for (String hexBlock : bad) {
            assertThrows(HpackException.class, () -> new HpackDecoder(4096, 1 << 16).decode(HEX.parseHex(hexBlock)), hexBlock);
        }
    }

    @Test
    void aHeaderListOverTheLimitIsDecodedButDropped() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 100);
        HpackDecoder.Result result = decoder.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"
                + "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertTrue(result.tooLarge());
        assertTrue(result.fields().isEmpty());
        // Both literals still went into the table, so that the next block decodes as the encoder meant.
        assertEquals(110, decoder.tableSize());
        assertEquals(fields("custom-key", "custom-header"), decoder.decode(hex("be")).fields());
    }
}
