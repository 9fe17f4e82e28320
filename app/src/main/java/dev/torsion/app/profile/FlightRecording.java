package dev.torsion.app.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Objects;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --profile FILE}: a Java Flight Recorder recording from start-up to exit, written to
 * {@code FILE} when the runner stops (open it with {@code jfr print} or JDK Mission Control). It
 * uses the JDK's {@code profile} settings: method sampling every 10 ms, allocation and lock events.
 */
public final class FlightRecording implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlightRecording.class);

    private final Path destination;
    private final Recording recording;

    private FlightRecording(Path destination, Recording recording) {
        this.destination = destination;
        this.recording = recording;
    }

    /** Starts recording; the file is written by {@link #close()}. */
    public static FlightRecording start(Path destination) throws IOException {
        Objects.requireNonNull(destination, "destination");
        Path absolute = destination.toAbsolutePath();
        Configuration settings;
        try {
            settings = Configuration.getConfiguration("profile");
        } catch (ParseException e) {
            throw new IOException("the JDK's 'profile' recording settings cannot be read", e);
        }
        Recording recording = new Recording(settings);
        recording.setName("torsion");
        recording.setToDisk(true);
        recording.start();
        log.info("recording a profile to {}", absolute);
        return new FlightRecording(absolute, recording);
    }

    /** Stops recording and writes the file. */
    @Override
    public void close() throws IOException {
        recording.stop();
        try {
            recording.dump(destination);
            log.info("profile written to {}", destination);
        } finally {
            recording.close();
        }
    }
}
