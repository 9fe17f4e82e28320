package dev.torsion.nmea.ais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import dev.torsion.nmea.codec.SentenceWriter;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reassembly limits on a deterministic clock: pending count, age, drop counters. */
class AisReassemblerTest {

    private static final String FIRST = "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8";
    private static final String SECOND = "88888888880";

    private final TestClock clock = new TestClock();
    private final List<AisMessage> messages = new ArrayList<>();
    private final List<Rejection.Reason> drops = new ArrayList<>();

    private AisReassembler reassembler(NmeaLimits limits) {
        return new AisReassembler(limits, clock::nanoTime, new AisReassembler.Sink() {
            @Override
            public void messageReceived(AisMessage message) {
                messages.add(message);
            }

            @Override
            public void rejected(Rejection rejection) {
                drops.add(rejection.reason());
            }
        });
    }

    private static NmeaMessage.Vdm vdm(String number, String sequence, String channel, String payload, String fill) {
        String line = SentenceWriter.writeEncapsulated("AIVDM", List.of("2", number, sequence, channel, payload, fill));
        Sentence sentence = (Sentence) new SentenceDecoder(NmeaLimits.DEFAULTS).decode(line.strip());
        return (NmeaMessage.Vdm) SentenceParser.parse(sentence).message();
    }

    @Test
    void aMessageOlderThanTheTimeoutIsDroppedAtTheNextFragment() {
        AisReassembler ais = reassembler(NmeaLimits.DEFAULTS.withAis(16, Duration.ofSeconds(2)));
        ais.accept(vdm("1", "1", "A", FIRST, "0"));
        clock.advance(Duration.ofSeconds(2));
        ais.accept(vdm("2", "1", "A", SECOND, "2"));
        assertEquals(1, messages.size(), "two seconds is not past the timeout");
        ais.accept(vdm("1", "2", "A", FIRST, "0"));
        clock.advance(Duration.ofMillis(2001));
        ais.accept(vdm("2", "2", "A", SECOND, "2"));
        assertEquals(List.of(Rejection.Reason.AIS_SEQUENCE_EXPIRED, Rejection.Reason.AIS_FRAGMENT_MISSING), drops);
        assertEquals(1, ais.droppedCount(Rejection.Reason.AIS_SEQUENCE_EXPIRED));
        assertEquals(1, ais.droppedCount(Rejection.Reason.AIS_FRAGMENT_MISSING));
        assertEquals(0, ais.pendingCount());
    }

    @Test
    void pastThePendingLimitTheOldestIsDropped() {
        AisReassembler ais = reassembler(NmeaLimits.DEFAULTS.withAis(2, Duration.ofSeconds(5)));
        ais.accept(vdm("1", "1", "A", FIRST, "0"));
        ais.accept(vdm("1", "2", "A", FIRST, "0"));
        ais.accept(vdm("1", "3", "B", FIRST, "0"));
        assertEquals(List.of(Rejection.Reason.AIS_TOO_MANY_PENDING), drops);
        assertEquals(2, ais.pendingCount());
        ais.accept(vdm("2", "1", "A", SECOND, "2"));
        ais.accept(vdm("2", "3", "B", SECOND, "2"));
        ais.accept(vdm("2", "2", "A", SECOND, "2"));
        assertEquals(2, messages.size());
        assertEquals(List.of(Rejection.Reason.AIS_TOO_MANY_PENDING, Rejection.Reason.AIS_FRAGMENT_MISSING), drops);
        assertEquals(new AisOrigin("AI", "B", false), messages.get(0).origin());
    }

    @Test
    void sequencesAreKeyedByChannelAndIdSoInterleavedMessagesComplete() {
        AisReassembler ais = reassembler(NmeaLimits.DEFAULTS);
        ais.accept(vdm("1", "1", "A", FIRST, "0"));
        ais.accept(vdm("1", "1", "B", FIRST, "0"));
        ais.accept(vdm("1", "2", "A", FIRST, "0"));
        ais.accept(vdm("2", "2", "A", SECOND, "2"));
        ais.accept(vdm("2", "1", "B", SECOND, "2"));
        ais.accept(vdm("2", "1", "A", SECOND, "2"));
        assertEquals(3, messages.size());
        assertEquals(List.of(), drops);
        messages.forEach(m -> assertEquals("EVER DIADEM",
                assertInstanceOf(AisMessage.StaticAndVoyageData.class, m).name()));
    }

    @Test
    void aRepeatedFragmentIsDroppedAndCounted() {
        AisReassembler ais = reassembler(NmeaLimits.DEFAULTS);
        ais.accept(vdm("1", "1", "A", FIRST, "0"));
        ais.accept(vdm("1", "1", "A", FIRST, "0"));
        assertEquals(List.of(Rejection.Reason.AIS_FRAGMENT_MISSING), drops);
        ais.accept(vdm("2", "1", "A", SECOND, "2"));
        ais.accept(vdm("2", "1", "A", SECOND, "2"));
        assertEquals(1, messages.size());
        assertEquals(List.of(Rejection.Reason.AIS_FRAGMENT_MISSING, Rejection.Reason.AIS_FRAGMENT_MISSING), drops);
    }
}
