package dev.torsion.nmea.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Numbers read straight from a line's characters ({@link Decimals}, {@link Fields}) against
 * {@code Double.parseDouble} and the String-based fields parser they replaced
 * ({@link ReferenceFields}), on seeded random corpora: the same doubles bit for bit, the same
 * values and the same refusals with the same messages.
 */
class DecimalsPropertyTest {

    private static final int CASES = 100_000;

    @Test
    void decimalsAreParseDoubleBitForBit() {
        Random random = new Random(18);
        for (int i = 0; i < CASES; i++) {
            String number = decimal(random, i % 50 == 0 ? 25 : 12);
            assertSameDouble(number);
        }
    }

    @Test
    void edgesOfTheExactPathAreParseDoubleBitForBit() {
        for (String number : List.of("0", "-0", "+0.", ".5", "-.5", "1.", "00000000000000000001",
                "9007199254740992", "9007199254740993", "-9007199254740993.0", "4503599627370497.5",
                "0.0000000000000000000001", "0.00000000000000000000001", "123456789012345678",
                "1234567890123456789", "0.1", "0.3", "3348.452", "11821.142", "4717.113210",
                "17976931348623157" + "0".repeat(292), "1" + "0".repeat(400), "0." + "0".repeat(330) + "1")) {
            if (Double.isFinite(Double.parseDouble(number))) {
                assertSameDouble(number);
            }
        }
    }

    @Test
    void fieldsTypeAndRefuseExactlyAsTheStringParser() {
        Random random = new Random(61);
        for (int i = 0; i < CASES; i++) {
            String field = noise(random, "0123456789.+-eEN aIfx:", 1 + random.nextInt(12));
            Sentence sentence = new Sentence('$', "GP", "XXX", List.of(field, "N"), ChecksumStatus.VALID);
            assertSameOutcome(field, () -> ReferenceFields.primitive(ReferenceFields.decimal(field)), () -> Fields.decimal(sentence, 0));
            assertSameOutcome(field, () -> ReferenceFields.primitive(ReferenceFields.decimal(field, 0, 360)),
                    () -> Fields.decimal(sentence, 0, 0, 360));
            assertSameOutcome(field, () -> ReferenceFields.primitive(ReferenceFields.integer(field)), () -> Fields.integer(sentence, 0));
            assertSameOutcome(field, () -> ReferenceFields.primitive(ReferenceFields.signedInteger(field, -13, 13)),
                    () -> Fields.signedInteger(sentence, 0, -13, 13));
            assertSameOutcome(field, () -> ReferenceFields.nanoOfDay(ReferenceFields.time(field)), () -> Fields.time(sentence, 0));
            assertSameOutcome(field, () -> ReferenceFields.epochDay(ReferenceFields.date(field)), () -> Fields.date(sentence, 0));
            assertSameOutcome(field, () -> ReferenceFields.primitive(ReferenceFields.angle(field, "N", 'N', 'S', 90)),
                    () -> Fields.latitude(sentence, 0));
        }
    }

    @Test
    void timesDatesAndAnglesOfEveryShapeAsTheStringParser() {
        Random random = new Random(2026);
        for (int i = 0; i < CASES; i++) {
            String time = digits(random, 6) + (random.nextBoolean() ? "" : "." + digits(random, random.nextInt(11)));
            String date = digits(random, 6);
            String angle = digits(random, 4 + random.nextInt(2)) + "." + digits(random, random.nextInt(10));
            String hemisphere = List.of("N", "S", "E", "W", "", "n", "NS").get(random.nextInt(7));
            Sentence sentence = new Sentence('$', "GP", "XXX", List.of(time, date, angle, hemisphere),
                    ChecksumStatus.MISSING);
            assertSameOutcome(time, () -> ReferenceFields.nanoOfDay(ReferenceFields.time(time)), () -> Fields.time(sentence, 0));
            assertSameOutcome(date, () -> ReferenceFields.epochDay(ReferenceFields.date(date)), () -> Fields.date(sentence, 1));
            assertSameOutcome(angle, () -> ReferenceFields.primitive(ReferenceFields.angle(angle, hemisphere, 'E', 'W', 180)),
                    () -> Fields.longitude(sentence, 2));
        }
    }

    private static void assertSameDouble(String number) {
        String line = "$GPXXX," + number + ",N";
        double expected = Double.parseDouble(number);
        double actual;
        try {
            actual = Decimals.parse(line.getBytes(StandardCharsets.ISO_8859_1), 7, 7 + number.length());
        } catch (FieldException e) {
            throw new AssertionError(number + ": " + e.getMessage());
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), number);
    }

    /** A plain decimal: optional sign, up to {@code maxDigits} digits each side of an optional point. */
    private static String decimal(Random random, int maxDigits) {
        String sign = switch (random.nextInt(6)) {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        };
        String whole = digits(random, random.nextInt(maxDigits + 1));
        String fraction = random.nextInt(5) == 0 ? "" : "." + digits(random, random.nextInt(maxDigits + 1));
        String number = sign + whole + fraction;
        return number.chars().anyMatch(Character::isDigit) ? number : number + "7";
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String noise(Random random, String alphabet, int length) {
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // mostly digits, so that many are valid and the rest near misses
            noise.append(random.nextInt(3) > 0 ? (char) ('0' + random.nextInt(10))
                    : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return noise.toString();
    }

    interface Parse {
        Object parse() throws FieldException;
    }

    private static void assertSameOutcome(String field, Parse before, Parse now) {
        assertEquals(outcome(before), outcome(now), field);
    }

    private static String outcome(Parse parse) {
        try {
            Object value = parse.parse();
            return value instanceof Double d ? "double " + Double.doubleToRawLongBits(d) : "value " + value;
        } catch (FieldException e) {
            return "refused " + e.getMessage();
        }
    }
}
