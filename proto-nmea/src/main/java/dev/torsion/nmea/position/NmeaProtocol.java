package dev.torsion.nmea.position;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.DecodeResult;
import dev.torsion.nmea.codec.NmeaFramer;
import dev.torsion.nmea.codec.ParseResult;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream protocol reading NMEA 0183 from a GPS receiver, as twisted.positioning's
 * NMEAAdapter over a LineOnlyReceiver: connect it to the serial transport, a TCP connection (gpsd's
 * NMEA port, a ship's multiplexer) or a file. It only listens: nothing is ever written back, and
 * bad input (noise, bad checksums, over-long lines) is reported to the receiver and logged at
 * debug level, never closes the stream, since a serial line has no one to reply to.
 */
public final class NmeaProtocol extends Protocol implements NmeaFramer.Sink {

    private static final Logger log = LoggerFactory.getLogger(NmeaProtocol.class);

    private final PositioningReceiver receiver;
    private final NmeaFramer framer;
    private final SentenceDecoder decoder;
    private final FixAssembler assembler;
    private ReceiverState state = ReceiverState.IDLE;

    /** A protocol with the default limits. */
    public NmeaProtocol(PositioningReceiver receiver) {
        this(receiver, NmeaLimits.DEFAULTS);
    }

    /** A protocol applying {@code limits}. */
    public NmeaProtocol(PositioningReceiver receiver, NmeaLimits limits) {
        this.receiver = receiver;
        this.framer = new NmeaFramer(limits, this);
        this.decoder = new SentenceDecoder(limits);
        this.assembler = new FixAssembler(receiver::fixReceived);
    }

    /** The connection's state. */
    public ReceiverState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        state = ReceiverState.RECEIVING;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != ReceiverState.CLOSED) {
            framer.feed(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state != ReceiverState.CLOSED) {
            state = ReceiverState.CLOSED;
            assembler.flush();
        }
    }

    @Override
    public void lineReceived(String line) {
        DecodeResult decoded = decoder.decode(line);
        if (decoded instanceof Rejection rejection) {
            rejected(rejection);
            return;
        }
        ParseResult parsed = SentenceParser.parse((Sentence) decoded);
        if (parsed.rejection() != null) {
            rejected(parsed.rejection());
            return;
        }
        receiver.sentenceReceived(parsed.message());
        assembler.accept(parsed.message());
    }

    @Override
    public void lineTooLong(long length) {
        rejected(new Rejection(Rejection.Reason.LINE_TOO_LONG, "", length + " bytes"));
    }

    private void rejected(Rejection rejection) {
        log.debug("NMEA line refused ({}): {} {}", rejection.reason(), rejection.detail(),
                rejection.line());
        receiver.sentenceRejected(rejection);
    }
}
