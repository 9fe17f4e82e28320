package dev.torsion.nmea.position;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.NmeaFramer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of gpsd's port (2947) that asks for the raw NMEA of its devices, as {@code gpspipe -r}
 * does: on connection it sends {@code ?WATCH={"enable":true,"nmea":true}} (gpsd's JSON protocol,
 * gpsd_json(5)); gpsd then passes every sentence its NMEA devices send through unchanged, one per
 * line, between its own JSON reports (VERSION, DEVICES, WATCH). JSON lines are recognised by
 * their {@code {} and kept out of the NMEA path; the WATCH report moves the session to
 * {@link GpsdSessionState#WATCHING}. Sentences go to a {@link SentenceProcessor} that may outlive
 * the connection (see {@link NmeaClientFactory}).
 */
public final class GpsdNmeaProtocol extends Protocol implements NmeaFramer.Sink {

    /** The command gpspipe -r sends: enable watching, raw NMEA, no JSON reports. */
    static final byte[] WATCH = "?WATCH={\"enable\":true,\"nmea\":true}\n"
            .getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(GpsdNmeaProtocol.class);

    private final SentenceProcessor processor;
    private final NmeaFramer framer;
    private final Runnable onWatching;
    private GpsdSessionState state = GpsdSessionState.CONNECTING;

    /**
     * A session feeding {@code processor}; {@code onWatching} runs each time gpsd confirms the
     * watch.
     */
    public GpsdNmeaProtocol(SentenceProcessor processor, NmeaLimits limits, Runnable onWatching) {
        this.processor = processor;
        this.framer = new NmeaFramer(limits, this);
        this.onWatching = onWatching;
    }

    /** The session's state. */
    public GpsdSessionState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        state = state.watchSent();
        transport().write(WATCH.clone());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != GpsdSessionState.CLOSED) {
            framer.feed(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state != GpsdSessionState.CLOSED) {
            state = state.closed();
            processor.flush();
        }
    }

    @Override
    public void lineReceived(byte[] line, int from, int to) {
        if (line[from] != '{') {
            processor.lineReceived(line, from, to);
        } else {
            lineReceived(new String(line, from, to - from, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void lineReceived(String line) {
        if (!line.startsWith("{")) {
            processor.lineReceived(line);
            return;
        }
        if (line.startsWith("{\"class\":\"WATCH\"")) {
            state = state.watchConfirmed();
            onWatching.run();
        } else if (line.startsWith("{\"class\":\"ERROR\"")) {
            log.warn("gpsd refused the watch: {}", line);
        } else {
            log.debug("gpsd report: {}", line);
        }
    }

    @Override
    public void lineTooLong(long length) {
        processor.lineTooLong(length);
    }
}
