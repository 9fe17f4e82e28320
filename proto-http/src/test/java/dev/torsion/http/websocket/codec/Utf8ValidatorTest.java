package dev.torsion.http.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
    private static final HexFormat HEX = HexFormat.of();

    private static boolean jdkAccepts(byte[] data) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void knownCases() {
        assertTrue(Utf8Validator.isValid("Hello-µ@ßöäüàá-UTF-8!!".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8Validator.isValid(HEX.parseHex("cebae1bdb9cf83cebcceb5")));
        assertTrue(Utf8Validator.isValid(HEX.parseHex("f48fbfbf")));          // U+10FFFF
        assertFalse(Utf8Validator.isValid(HEX.parseHex("f4908080")));         // above U+10FFFF
        assertFalse(Utf8Validator.isValid(HEX.parseHex("eda080")));           // a surrogate
        assertFalse(Utf8Validator.isValid(HEX.parseHex("c0af")));             // overlong '/'
        assertFalse(Utf8Validator.isValid(HEX.parseHex("e080af")));           // overlong
        assertFalse(Utf8Validator.isValid(HEX.parseHex("f08080af")));         // overlong
        assertFalse(Utf8Validator.isValid(HEX.parseHex("80")));               // a lone continuation
        assertFalse(Utf8Validator.isValid(HEX.parseHex("ff")));
        assertFalse(Utf8Validator.isValid(HEX.parseHex("cebae1bd")));         // ends inside a character
    }

    @Test
    void agreesWithTheJdkOnRandomInput() {
        Random random = new Random(3629);
        for (int i = 0; i < 20000; i++) {
            byte[] data = new byte[random.nextInt(8)];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            assertEquals(jdkAccepts(data), Utf8Validator.isValid(data), HEX.formatHex(data));
        }
    }

    @Test
    void failsAtTheFirstBadByteAndAcceptsEverySplit() {
        byte[] text = "κόσμε €𝄞 ascii".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            Utf8Validator validator = new Utf8Validator();
            assertTrue(validator.feed(text, 0, split));
            assertTrue(validator.feed(text, split, text.length - split));
            assertTrue(validator.isComplete());
        }
        Utf8Validator validator = new Utf8Validator();
        assertTrue(validator.feed(HEX.parseHex("cebae1bdb9")));
        assertFalse(validator.feed(HEX.parseHex("cf83f4908080")));
    }
}
