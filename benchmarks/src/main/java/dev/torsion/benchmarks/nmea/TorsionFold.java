package dev.torsion.benchmarks.nmea;

import dev.torsion.nmea.codec.DecodeResult;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.codec.SatellitesInView;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Torsion's side of the benchmark: one line through {@code SentenceDecoder} (framing, checksum,
 * address) and {@code SentenceParser} (every field of a known sentence checked and typed), folded
 * into the same sum of the same values as {@link SplitAndParseBaseline} reads: every numeric field
 * (and status flag) of each message the parser types, the GSA PRNs and every GSV satellite
 * included, a VDM's fragment fields, channel and payload length; the field count (address
 * included) of any other sentence. A refused line folds to 0.
 */
final class TorsionFold {

    /** A refused sentence folds to 0: its rejection is not read, as the baseline's errors. */
    private static final Consumer<Rejection> IGNORED = rejection -> { };

    private final SentenceDecoder decoder;

    TorsionFold(SentenceDecoder decoder) {
        this.decoder = decoder;
    }

    double parse(String line) {
        DecodeResult decoded = decoder.decode(line);
        if (!(decoded instanceof Sentence sentence)) {
            return 0;
        }
        NmeaMessage message = SentenceParser.parse(sentence, IGNORED);
        return message == null ? 0 : fold(message);
    }

    private static double fold(NmeaMessage message) {
        // the commonest kinds first: a third of the lines are sentences only split
        if (message instanceof NmeaMessage.Other || message instanceof NmeaMessage.ProprietarySentence) {
            return message.sentence().fieldCount() + 1;
        }
        if (message instanceof NmeaMessage.Gsv g) {
            double sum = g.total() + g.number() + g.inView();
            SatellitesInView satellites = g.satellites();
            for (int i = 0; i < satellites.size(); i++) {
                sum += satellites.prn(i) + value(satellites.elevation(i))
                        + value(satellites.azimuth(i)) + value(satellites.snr(i));
            }
            return sum;
        }
        if (message instanceof NmeaMessage.Gga g) {
            return seconds(g.nanoOfDay()) + value(g.latitude()) + value(g.longitude()) + g.quality()
                    + value(g.satellitesUsed()) + value(g.hdop()) + value(g.altitude())
                    + value(g.geoidSeparation());
        }
        if (message instanceof NmeaMessage.Rmc r) {
            return seconds(r.nanoOfDay()) + (r.valid() ? 1 : 0) + value(r.latitude())
                    + value(r.longitude()) + value(r.speedKnots()) + value(r.track())
                    + ddmmyy(r.date()) + value(r.magneticVariation());
        }
        if (message instanceof NmeaMessage.Gll g) {
            return value(g.latitude()) + value(g.longitude()) + seconds(g.nanoOfDay())
                    + (g.valid() ? 1 : 0);
        }
        if (message instanceof NmeaMessage.Vtg v) {
            return value(v.trackTrue()) + value(v.trackMagnetic()) + value(v.speedKnots())
                    + value(v.speedKmh());
        }
        if (message instanceof NmeaMessage.Gsa g) {
            double sum = g.mode();
            List<Integer> used = g.satellites();
            for (int i = 0; i < used.size(); i++) {
                sum += used.get(i);
            }
            return sum + value(g.pdop()) + value(g.hdop()) + value(g.vdop());
        }
        return other(message);
    }

    private static double other(NmeaMessage message) {
        if (message instanceof NmeaMessage.Vdm v) {
            CharSequence payload = v.payload();
            String channel = v.channel();
            // the payload's length read from it, as the baseline reads its string's
            return v.fragments() + v.fragment() + value(v.sequenceId())
                    + (channel.isEmpty() ? 0 : channel.charAt(0)) + payload.length() + v.fillBits();
        }
        if (message instanceof NmeaMessage.Zda z) {
            LocalDate date = z.date();
            return seconds(z.nanoOfDay()) + (date == null ? 0 : date.getDayOfMonth()
                    + date.getMonthValue() + date.getYear()) + value(z.zoneHours())
                    + value(z.zoneMinutes());
        }
        if (message instanceof NmeaMessage.Gns g) {
            return seconds(g.nanoOfDay()) + value(g.latitude()) + value(g.longitude())
                    + value(g.satellitesUsed()) + value(g.hdop()) + value(g.altitude())
                    + value(g.geoidSeparation());
        }
        if (message instanceof NmeaMessage.Gst g) {
            return seconds(g.nanoOfDay()) + value(g.rms()) + value(g.latitudeError())
                    + value(g.longitudeError()) + value(g.altitudeError());
        }
        if (message instanceof NmeaMessage.Hdt h) {
            return value(h.heading());
        }
        if (message instanceof NmeaMessage.Dtm d) {
            return value(d.latitudeOffset()) + value(d.longitudeOffset()) + value(d.altitudeOffset());
        }
        if (message instanceof NmeaMessage.Txt t) {
            return t.total() + t.number() + t.id() + t.text().length();
        }
        if (message instanceof NmeaMessage.Pgrmz p) {
            return value(p.altitude()) + value(p.fixDimension());
        }
        if (message instanceof NmeaMessage.PubxPosition p) {
            return seconds(p.nanoOfDay()) + value(p.latitude()) + value(p.longitude())
                    + value(p.altitude()) + value(p.horizontalAccuracy())
                    + value(p.verticalAccuracy()) + value(p.speedKmh()) + value(p.course())
                    + value(p.verticalVelocity()) + value(p.hdop()) + value(p.vdop())
                    + value(p.tdop()) + value(p.satellitesUsed());
        }
        return message.sentence().fieldCount() + 1;
    }

    /** A decimal field, 0 when absent (NaN) as the baseline reads an empty one. */
    private static double value(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** An integer field, 0 when absent. */
    private static int value(int value) {
        return value == NmeaMessage.ABSENT ? 0 : value;
    }

    private static double seconds(long nanoOfDay) {
        return nanoOfDay == NmeaMessage.NO_TIME ? 0 : nanoOfDay / 1e9;
    }

    private static double ddmmyy(LocalDate date) {
        return date == null ? 0 : date.getDayOfMonth() * 10_000 + date.getMonthValue() * 100
                + date.getYear() % 100;
    }
}
