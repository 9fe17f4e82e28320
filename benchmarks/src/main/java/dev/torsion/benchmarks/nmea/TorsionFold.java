package dev.torsion.benchmarks.nmea;

import dev.torsion.nmea.codec.DecodeResult;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.ParseResult;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Torsion's side of the benchmark: one line through {@code SentenceDecoder} (framing, checksum,
 * address) and {@code SentenceParser} (every field of a known sentence checked and typed), folded
 * into the same sum of the same values as {@link SplitAndParseBaseline} reads: time, position,
 * quality, satellites, DOPs, altitude of GGA; time, position, speed, track and date of RMC; and so
 * on; the field count (address included) of any other sentence. A refused line folds to 0.
 */
final class TorsionFold {

    private final SentenceDecoder decoder;

    TorsionFold(SentenceDecoder decoder) {
        this.decoder = decoder;
    }

    double parse(String line) {
        DecodeResult decoded = decoder.decode(line);
        if (!(decoded instanceof Sentence sentence)) {
            return 0;
        }
        ParseResult parsed = SentenceParser.parse(sentence);
        return parsed.message() == null ? 0 : fold(parsed.message());
    }

    private static double fold(NmeaMessage message) {
        if (message instanceof NmeaMessage.Gga g) {
            return seconds(g.time()) + value(g.latitude()) + value(g.longitude()) + g.quality()
                    + value(g.satellitesUsed()) + value(g.hdop()) + value(g.altitude())
                    + value(g.geoidSeparation());
        }
        if (message instanceof NmeaMessage.Rmc r) {
            return seconds(r.time()) + value(r.latitude()) + value(r.longitude())
                    + value(r.speedKnots()) + value(r.track()) + ddmmyy(r.date());
        }
        if (message instanceof NmeaMessage.Gll g) {
            return value(g.latitude()) + value(g.longitude()) + seconds(g.time());
        }
        if (message instanceof NmeaMessage.Vtg v) {
            return value(v.trackTrue()) + value(v.trackMagnetic()) + value(v.speedKnots())
                    + value(v.speedKmh());
        }
        if (message instanceof NmeaMessage.Gsa g) {
            return g.mode() + value(g.pdop()) + value(g.hdop()) + value(g.vdop());
        }
        return message.sentence().fieldCount() + 1;
    }

    private static double value(Number number) {
        return number == null ? 0 : number.doubleValue();
    }

    private static double seconds(LocalTime time) {
        return time == null ? 0 : time.toSecondOfDay() + time.getNano() / 1e9;
    }

    private static double ddmmyy(LocalDate date) {
        return date == null ? 0 : date.getDayOfMonth() * 10_000 + date.getMonthValue() * 100
                + date.getYear() % 100;
    }
}
