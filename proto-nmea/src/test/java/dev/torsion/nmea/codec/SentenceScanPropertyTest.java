package dev.torsion.nmea.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.support.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The single-pass decoder (separators as offsets, checksum while scanning, numbers from the
 * characters) against the split-and-substring codec it replaced ({@link ReferenceSentenceDecoder},
 * {@link ReferenceSentenceParser}), on seeded random corpora: random valid sentences round-trip
 * through the writer with their fields intact, and random mutations of real receivers' sentences
 * (gpsd's logs) and of random ones earn exactly the outcome they earned before: the same
 * rejection (reason, line, detail) or an equal typed message.
 */
class SentenceScanPropertyTest {

    private static final NmeaLimits LIMITS = NmeaLimits.DEFAULTS;
    private static final String FIELD_CHARACTERS =
            "0123456789.-+ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz :;<=>?@[]_`{|}#%&'()/\"";
    private static final String MUTATIONS = ",,,**..--$!  0123456789AFafNSEWTMKx\u0000\u007f\u00ff\u0100\t\u001f\u0080\u009f~";
    private static final List<String> ADDRESSES = List.of("GPGGA", "GNRMC", "GPGSA", "GLGSV", "GPGLL",
            "GPVTG", "GPZDA", "GNGNS", "GPGST", "HEHDT", "GPDTM", "GPTXT", "IIHDG", "WIMWV", "PGRMZ",
            "PUBX", "PGRME", "PMTK001", "GPXYZ", "Q1ABCD");

    @Test
    void randomValidSentencesRoundTripWithTheirFields() {
        Random random = new Random(82);
        SentenceDecoder decoder = new SentenceDecoder(LIMITS);
        for (int i = 0; i < 50_000; i++) {
            String address = ADDRESSES.get(random.nextInt(ADDRESSES.size()));
            List<String> fields = fields(random);
            String line = SentenceWriter.write(address, fields).trim();
            if (line.length() > LIMITS.acceptedSentenceLength()) {
                continue;
            }
            boolean withChecksum = random.nextBoolean();
            String input = withChecksum ? line : line.substring(0, line.length() - 3);
            Sentence sentence = assertInstanceOf(Sentence.class, decoder.decode(input), input);
            assertEquals(fields, sentence.fields(), input);
            assertEquals(fields.size(), sentence.fieldCount(), input);
            for (int f = 0; f < fields.size() + 2; f++) {
                assertEquals(f < fields.size() ? fields.get(f) : "", sentence.field(f), input);
            }
            assertEquals(address, sentence.talker() + sentence.type(), input);
            assertEquals(withChecksum ? ChecksumStatus.VALID : ChecksumStatus.MISSING, sentence.checksum());
            assertEquals(new Sentence('$', sentence.talker(), sentence.type(), fields, sentence.checksum()),
                    sentence, input);
            assertEquals(outcome(new ReferenceSentenceDecoder(LIMITS), input), outcome(decoder, input), input);
        }
    }

    @Test
    void mutatedRealSentencesEarnTheOutcomeTheyEarnedBefore() throws IOException {
        List<String> lines = gpsdLines();
        Random random = new Random(1883);
        SentenceDecoder decoder = new SentenceDecoder(LIMITS);
        ReferenceSentenceDecoder reference = new ReferenceSentenceDecoder(LIMITS);
        for (String line : lines) {
            assertEquals(outcome(reference, line), outcome(decoder, line), line);
        }
        for (int i = 0; i < 100_000; i++) {
            String line = mutate(random, lines.get(random.nextInt(lines.size())));
            Object before = outcome(reference, line);
            assertEquals(before, outcome(decoder, line), line);
            if (isLatin1(line)) {
                assertEquals(before, bytesOutcome(decoder, line, random), line);
            }
        }
    }

    @Test
    void mutatedRandomSentencesEarnTheOutcomeTheyEarnedBefore() {
        Random random = new Random(4711);
        SentenceDecoder decoder = new SentenceDecoder(LIMITS);
        ReferenceSentenceDecoder reference = new ReferenceSentenceDecoder(LIMITS);
        for (int i = 0; i < 50_000; i++) {
            String address = ADDRESSES.get(random.nextInt(ADDRESSES.size()));
            String line = mutate(random, SentenceWriter.write(address, fields(random)).trim());
            assertEquals(outcome(reference, line), outcome(decoder, line), line);
        }
    }

    /**
     * One to three edits (a character replaced, inserted or deleted), the checksum then rewritten
     * half of the time so that the edit reaches the field checks rather than the checksum's.
     */
    private static String mutate(Random random, String line) {
        StringBuilder mutated = new StringBuilder(line);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(mutated.length() + 1);
            char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            switch (random.nextInt(3)) {
                case 0 -> mutated.insert(at, c);
                case 1 -> {
                    if (at < mutated.length()) {
                        mutated.setCharAt(at, c);
                    }
                }
                default -> {
                    if (at < mutated.length()) {
                        mutated.deleteCharAt(at);
                    }
                }
            }
        }
        String text = mutated.toString();
        int star = text.lastIndexOf('*');
        if (random.nextBoolean() && star > 0 && text.charAt(0) == '$') {
            int sum = SentenceDecoder.checksum(text.substring(1, star));
            text = text.substring(0, star) + String.format("*%02X", sum);
        }
        return text;
    }

    private static List<String> fields(Random random) {
        List<String> fields = new ArrayList<>();
        for (int count = random.nextInt(22); count > 0; count--) {
            StringBuilder field = new StringBuilder();
            for (int length = random.nextInt(9); length > 0; length--) {
                field.append(FIELD_CHARACTERS.charAt(random.nextInt(FIELD_CHARACTERS.length())));
            }
            fields.add(field.toString());
        }
        if (!fields.isEmpty() && fields.get(fields.size() - 1).endsWith(" ")) {
            // trailing spaces are line padding, stripped before decoding (as before)
            fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "x");
        }
        return fields;
    }

    /** Everything the codec made of {@code line}: its rejection or its typed message. */
    private static Object outcome(Object decoder, String line) {
        boolean before = decoder instanceof ReferenceSentenceDecoder;
        DecodeResult decoded = before ? ((ReferenceSentenceDecoder) decoder).decode(line)
                : ((SentenceDecoder) decoder).decode(line);
        if (decoded instanceof Rejection rejection) {
            return rejection;
        }
        Sentence sentence = (Sentence) decoded;
        return before ? ReferenceSentenceParser.parse(sentence) : SentenceParser.parse(sentence);
    }

    /**
     * {@code line} decoded from bytes, as the framer hands it: ISO-8859-1, somewhere inside a
     * larger buffer whose other bytes must not count.
     */
    private static Object bytesOutcome(SentenceDecoder decoder, String line, Random random) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        int offset = random.nextInt(4);
        byte[] buffer = new byte[offset + bytes.length + random.nextInt(4)];
        Arrays.fill(buffer, (byte) ',');
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        DecodeResult decoded = decoder.decode(buffer, offset, offset + bytes.length);
        Arrays.fill(buffer, (byte) 0); // the sentence must own its bytes
        return decoded instanceof Rejection rejection ? rejection
                : SentenceParser.parse((Sentence) decoded);
    }

    private static boolean isLatin1(String line) {
        return line.chars().allMatch(c -> c <= 0xff);
    }

    private static List<String> gpsdLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.list(TestData.nmea().resolve("logs"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    if (!line.isBlank()) {
                        lines.add(line.strip());
                    }
                }
            }
        }
        return lines;
    }
}
