package dev.torsion.nmea.support;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.ais.AisMessage;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.position.Fix;
import dev.torsion.nmea.position.NmeaProtocol;
import dev.torsion.nmea.position.PositioningReceiver;
import dev.torsion.testing.StringTransport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A receiver recording everything, and helpers to replay bytes into an {@link NmeaProtocol}. */
public final class Recorder implements PositioningReceiver {

    public final List<Fix> fixes = new ArrayList<>();
    public final List<NmeaMessage> messages = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    public final List<AisMessage> aisMessages = new ArrayList<>();
    /** Accepted formatters (record names) and rejection reasons, in order. */
    public final List<String> events = new ArrayList<>();

    @Override
    public void fixReceived(Fix fix) {
        fixes.add(fix);
    }

    @Override
    public void sentenceReceived(NmeaMessage message) {
        messages.add(message);
        events.add(message.getClass().getSimpleName());
    }

    @Override
    public void sentenceRejected(Rejection rejection) {
        rejections.add(rejection);
        events.add(rejection.reason().name());
    }

    @Override
    public void aisMessageReceived(AisMessage message) {
        aisMessages.add(message);
        events.add(message.getClass().getSimpleName());
    }

    @Override
    public void aisRejected(Rejection rejection) {
        rejections.add(rejection);
        events.add(rejection.reason().name());
    }

    /** Replays {@code data} cut at the given offsets (increasing), then ends the stream. */
    public static Recorder replay(byte[] data, NmeaLimits limits, int... cuts) {
        Recorder recorder = new Recorder();
        NmeaProtocol protocol = new NmeaProtocol(recorder, limits);
        protocol.makeConnection(new StringTransport());
        int from = 0;
        for (int cut : cuts) {
            protocol.dataReceived(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        protocol.dataReceived(Arrays.copyOfRange(data, from, data.length));
        protocol.connectionLost(Failure.of(new ConnectionDone("end of test stream")));
        return recorder;
    }

    /** Replays {@code data} one byte at a time. */
    public static Recorder replayByteByByte(byte[] data, NmeaLimits limits) {
        int[] cuts = new int[Math.max(0, data.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return replay(data, limits, cuts);
    }

    /** A summary that two replays of the same bytes must share exactly. */
    public String summary() {
        return fixes + "|" + messages + "|" + rejections + "|" + aisMessages;
    }
}
