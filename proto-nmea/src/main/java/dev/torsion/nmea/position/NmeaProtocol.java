package dev.torsion.nmea.position;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.NmeaFramer;
import dev.torsion.time.Clock;

/**
 * A stream protocol reading NMEA 0183 from a GPS receiver or an AIS receiver, as
 * twisted.positioning's NMEAAdapter over a LineOnlyReceiver: connect it to the serial transport,
 * a TCP connection (a ship's multiplexer, gpsd's NMEA output: see {@link GpsdNmeaProtocol}) or a
 * file ({@link NmeaLogReplay}). It only listens: nothing is ever written back, and bad input
 * (noise, bad checksums, over-long lines) is reported to the receiver and logged at debug level,
 * never closes the stream, since a serial line has no one to reply to.
 *
 * <pre>{@code
 * SerialPortTransport.open(reactor::callFromThread, new NmeaProtocol(receiver), "/dev/ttyUSB0",
 *         SerialSettings.of(4800));
 * }</pre>
 */
public final class NmeaProtocol extends Protocol implements NmeaFramer.Sink {

    private final SentenceProcessor processor;
    private final NmeaFramer framer;
    private ReceiverState state = ReceiverState.IDLE;

    /** A protocol with the default limits, timing AIS reassembly with the system clock. */
    public NmeaProtocol(PositioningReceiver receiver) {
        this(receiver, NmeaLimits.DEFAULTS);
    }

    /** A protocol applying {@code limits}, timing AIS reassembly with the system clock. */
    public NmeaProtocol(PositioningReceiver receiver, NmeaLimits limits) {
        this(new SentenceProcessor(receiver, limits, System::nanoTime), limits);
    }

    /** A protocol applying {@code limits}, timing AIS reassembly with {@code clock}. */
    public NmeaProtocol(PositioningReceiver receiver, NmeaLimits limits, Clock clock) {
        this(new SentenceProcessor(receiver, limits, clock::nanoTime), limits);
    }

    /**
     * A protocol feeding {@code processor}, which may outlive it: a reconnecting client keeps one
     * processor, so AIS fragments and the date carry over a reconnection.
     */
    public NmeaProtocol(SentenceProcessor processor, NmeaLimits limits) {
        this.processor = processor;
        this.framer = new NmeaFramer(limits, this);
    }

    /** The connection's state. */
    public ReceiverState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        state = state.connected();
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == ReceiverState.RECEIVING) {
            framer.feed(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state != ReceiverState.CLOSED) {
            state = state.closed();
            processor.flush();
        }
    }

    @Override
    public void lineReceived(String line) {
        processor.lineReceived(line);
    }

    @Override
    public void lineReceived(byte[] line, int from, int to) {
        processor.lineReceived(line, from, to);
    }

    @Override
    public void lineTooLong(long length) {
        processor.lineTooLong(length);
    }
}
