package dev.torsion.protocols.policies;

import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.PushProducer;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wrapping factory that limits the bandwidth of all its connections together, in bytes per
 * second read and written: Twisted's {@code ThrottlingFactory}. Each second (on its {@link Clock})
 * it compares what was read and written with the limits; over a limit, it pauses reading on every
 * transport (or pauses the push producers feeding them, for writes) for as long as the excess
 * needs to average out, then resumes them.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, new ThrottlingFactory(address -> new FileServer(), reactor, 1_000_000, 500_000));
 * }</pre>
 *
 * <p>Writes are never dropped: without a push producer to pause, the bytes are written and only
 * count against the next periods. A protocol that pauses its own transport is resumed when reads
 * are unthrottled; protocols that need both should throttle themselves.
 */
public class ThrottlingFactory extends WrappingFactory {
    /** No limit. */
    public static final long UNLIMITED = 0;

    private static final Logger log = LoggerFactory.getLogger(ThrottlingFactory.class);
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final Clock clock;
    private final long readLimit;
    private final long writeLimit;
    private long readThisSecond;
    private long writtenThisSecond;
    private boolean readsThrottled;
    private boolean writesThrottled;
    private DelayedCall checkCall;
    private DelayedCall unthrottleReadsCall;
    private DelayedCall unthrottleWritesCall;

    /**
     * Limits reading to {@code readLimit} and writing to {@code writeLimit} bytes per second, summed
     * over all connections ({@link #UNLIMITED} for no limit).
     */
    public ThrottlingFactory(ProtocolFactory wrappedFactory, Clock clock, long readLimit, long writeLimit) {
        super(wrappedFactory);
        if (readLimit < 0 || writeLimit < 0) {
            throw new IllegalArgumentException("bandwidth limits cannot be negative");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readLimit = readLimit;
        this.writeLimit = writeLimit;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(Protocol protocol, Address address) {
        return new ThrottlingProtocol(this, protocol);
    }

    @Override
    public void registerProtocol(ProtocolWrapper wrapper) {
        super.registerProtocol(wrapper);
        if (readsThrottled) {
            wrapper.transport().pauseProducing();
        }
        if (checkCall == null) {
            checkCall = clock.callLater(PERIOD, this::checkBandwidth);
        }
    }

    @Override
    public void unregisterProtocol(ProtocolWrapper wrapper) {
        super.unregisterProtocol(wrapper);
        if (protocols().isEmpty()) {
            stopTimers();
        }
    }

    private void stopTimers() {
        for (DelayedCall call : new DelayedCall[] {checkCall, unthrottleReadsCall, unthrottleWritesCall}) {
            if (call != null && call.active()) {
                call.cancel();
            }
        }
        checkCall = null;
        unthrottleReadsCall = null;
        unthrottleWritesCall = null;
        readsThrottled = false;
        writesThrottled = false;
        readThisSecond = 0;
        writtenThisSecond = 0;
    }

    void registerRead(int bytes) {
        readThisSecond += bytes;
    }

    void registerWritten(int bytes) {
        writtenThisSecond += bytes;
    }

    private void checkBandwidth() {
        checkCall = clock.callLater(PERIOD, this::checkBandwidth);
        if (readLimit != UNLIMITED && readThisSecond > readLimit && !readsThrottled) {
            Duration pause = excessPause(readThisSecond, readLimit);
            log.debug("read {} bytes in a second, limit {}: pausing reads for {}", readThisSecond, readLimit, pause);
            throttleReads();
            unthrottleReadsCall = clock.callLater(pause, this::unthrottleReads);
        }
        if (writeLimit != UNLIMITED && writtenThisSecond > writeLimit && !writesThrottled) {
            Duration pause = excessPause(writtenThisSecond, writeLimit);
            log.debug("wrote {} bytes in a second, limit {}: pausing writers for {}", writtenThisSecond, writeLimit,
                    pause);
            throttleWrites();
            unthrottleWritesCall = clock.callLater(pause, this::unthrottleWrites);
        }
        readThisSecond = 0;
        writtenThisSecond = 0;
    }

    /** How long to stay quiet so that the last second's excess averages out to the limit. */
    private static Duration excessPause(long done, long limit) {
        double seconds = (double) done / limit - 1.0;
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private void throttleReads() {
        readsThrottled = true;
        for (ProtocolWrapper wrapper : new ArrayList<>(protocols())) {
            wrapper.transport().pauseProducing();
        }
    }

    private void unthrottleReads() {
        readsThrottled = false;
        unthrottleReadsCall = null;
        for (ProtocolWrapper wrapper : new ArrayList<>(protocols())) {
            wrapper.transport().resumeProducing();
        }
    }

    private void throttleWrites() {
        writesThrottled = true;
        for (ProtocolWrapper wrapper : new ArrayList<>(protocols())) {
            ((ThrottlingProtocol) wrapper).pauseWriter();
        }
    }

    private void unthrottleWrites() {
        writesThrottled = false;
        unthrottleWritesCall = null;
        for (ProtocolWrapper wrapper : new ArrayList<>(protocols())) {
            ((ThrottlingProtocol) wrapper).resumeWriter();
        }
    }

    /** Whether reading is paused now. */
    public boolean readsThrottled() {
        return readsThrottled;
    }

    /** Whether writers are paused now. */
    public boolean writesThrottled() {
        return writesThrottled;
    }

    /** The wrapper that counts bytes and remembers the push producer to pause. */
    static final class ThrottlingProtocol extends ProtocolWrapper {
        private final ThrottlingFactory throttle;
        private PushProducer producer;
        private boolean writerPaused;

        ThrottlingProtocol(ThrottlingFactory factory, Protocol wrapped) {
            super(factory, wrapped);
            this.throttle = factory;
        }

        @Override
        public void dataReceived(byte[] data) {
            throttle.registerRead(data.length);
            super.dataReceived(data);
        }

        @Override
        public void write(byte[] data) {
            throttle.registerWritten(data.length);
            super.write(data);
        }

        @Override
        public void writeSequence(List<byte[]> data) {
            for (byte[] piece : data) {
                throttle.registerWritten(piece.length);
            }
            super.writeSequence(data);
        }

        @Override
        public void registerProducer(Producer newProducer, boolean streaming) {
            super.registerProducer(newProducer, streaming);
            producer = streaming && newProducer instanceof PushProducer push ? push : null;
            if (producer != null && throttle.writesThrottled) {
                pauseWriter();
            }
        }

        @Override
        public void unregisterProducer() {
            producer = null;
            writerPaused = false;
            super.unregisterProducer();
        }

        void pauseWriter() {
            if (producer != null && !writerPaused) {
                writerPaused = true;
                producer.pauseProducing();
            }
        }

        void resumeWriter() {
            if (producer != null && writerPaused) {
                writerPaused = false;
                producer.resumeProducing();
            }
        }
    }
}
