package dev.torsion.nmea.position;

import dev.torsion.defer.Deferred;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.NmeaFramer;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Replays a log of NMEA sentences (one per line, as receivers, gpsd's regression logs and
 * {@code gpspipe -r} write them) into a receiver, at once or paced one line per
 * {@code interval} on the clock, as gpsfake's {@code -c} does. Lines starting with {@code #}
 * (gpsd's log headers) are skipped. The file is read in chunks through the same framer and limits
 * as a live stream, so a file without line ends costs no more memory than one line.
 */
public final class NmeaLogReplay implements NmeaFramer.Sink {

    private static final int CHUNK = 4096;

    private final Clock clock;
    private final Path file;
    private final SentenceProcessor processor;
    private final NmeaFramer framer;
    private final Duration interval;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final Deferred<Integer> done = new Deferred<>();
    private ReceiverState state = ReceiverState.IDLE;
    private InputStream input;
    private DelayedCall next;
    private int lines;

    /**
     * A replay of {@code file} into {@code receiver}; {@code interval} zero replays it at once.
     */
    public NmeaLogReplay(Clock clock, Path file, PositioningReceiver receiver, NmeaLimits limits,
            Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = Objects.requireNonNull(file, "file");
        this.processor = new SentenceProcessor(receiver, limits, clock::nanoTime);
        this.framer = new NmeaFramer(limits, this);
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative interval " + interval);
        }
    }

    /**
     * Starts the replay; the Deferred fires with the number of lines replayed when the log is
     * done (the last cycle flushed as a fix), or fails with the file's I/O error.
     */
    public Deferred<Integer> start() {
        state = state.connected();
        try {
            input = Files.newInputStream(file);
        } catch (IOException e) {
            finish(e);
            return done;
        }
        if (interval.isZero()) {
            while (state == ReceiverState.RECEIVING) {
                step();
            }
        } else {
            step();
        }
        return done;
    }

    /** Stops a paced replay early; the Deferred fires with the lines replayed so far. */
    public void stop() {
        if (next != null && next.active()) {
            next.cancel();
        }
        finish(null);
    }

    /** The replay's state: IDLE, RECEIVING while replaying, CLOSED when done. */
    public ReceiverState state() {
        return state;
    }

    @Override
    public void lineReceived(String line) {
        if (!line.startsWith("#")) {
            ready.add(line);
        }
    }

    @Override
    public void lineTooLong(long length) {
        processor.lineTooLong(length);
    }

    /** Replays one line (reading the next chunk when none is ready), then schedules the next. */
    private void step() {
        try {
            while (ready.isEmpty() && fill()) {
                // read on until a whole line is there or the file ends
            }
        } catch (IOException e) {
            finish(e);
            return;
        }
        String line = ready.poll();
        if (line == null) {
            finish(null);
            return;
        }
        lines++;
        processor.lineReceived(line);
        if (!interval.isZero() && state == ReceiverState.RECEIVING) {
            next = clock.callLater(interval, this::step);
        }
    }

    /** Reads one chunk into the framer; false at the end of the file (a last line without LF ends). */
    private boolean fill() throws IOException {
        byte[] chunk = input.readNBytes(CHUNK);
        if (chunk.length == 0) {
            framer.feed(new byte[] {'\n'});
            return false;
        }
        framer.feed(chunk.length == CHUNK ? chunk : Arrays.copyOf(chunk, chunk.length));
        return true;
    }

    private void finish(IOException error) {
        if (state == ReceiverState.CLOSED) {
            return;
        }
        state = state.closed();
        closeInput();
        processor.flush();
        if (error != null) {
            done.errback(error);
        } else {
            done.callback(lines);
        }
    }

    private void closeInput() {
        if (input == null) {
            return;
        }
        try {
            input.close();
        } catch (IOException e) {
            // nothing was written: a failed close of a file being read loses nothing
        }
    }
}
