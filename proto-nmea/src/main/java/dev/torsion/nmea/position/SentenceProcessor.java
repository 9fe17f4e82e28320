package dev.torsion.nmea.position;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.ais.AisMessage;
import dev.torsion.nmea.ais.AisReassembler;
import dev.torsion.nmea.codec.DecodeResult;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of NMEA to what the receiver is told: framing and checksum, typed sentence, the fix
 * of its cycle, and for {@code !AIVDM}/{@code !AIVDO} the AIS message once its fragments are in.
 * Every reader (stream, datagram, gpsd, log file) feeds its lines here. No I/O; bad input is
 * reported to the receiver and logged at debug level, never thrown.
 */
public final class SentenceProcessor {

    private static final Logger log = LoggerFactory.getLogger(SentenceProcessor.class);

    private final PositioningReceiver receiver;
    private final SentenceDecoder decoder;
    private final FixAssembler assembler;
    private final AisReassembler ais;
    /** {@link #rejected}, made once rather than a method reference a sentence. */
    private final Consumer<Rejection> refused = this::rejected;

    /**
     * A processor applying {@code limits}, timing AIS reassembly with {@code nanoTime} (a
     * {@code Clock}'s {@code nanoTime}, or {@code System::nanoTime}).
     */
    public SentenceProcessor(PositioningReceiver receiver, NmeaLimits limits, LongSupplier nanoTime) {
        this.receiver = receiver;
        this.decoder = new SentenceDecoder(limits);
        this.assembler = new FixAssembler(receiver::fixReceived);
        this.ais = new AisReassembler(limits, nanoTime, new AisReassembler.Sink() {
            @Override
            public void messageReceived(AisMessage message) {
                receiver.aisMessageReceived(message);
            }

            @Override
            public void rejected(Rejection rejection) {
                log.debug("AIS dropped ({}): {} {}", rejection.reason(), rejection.detail(),
                        rejection.line());
                receiver.aisRejected(rejection);
            }
        });
    }

    /** One line, without its line end. */
    public void lineReceived(String line) {
        accept(decoder.decode(line));
    }

    /** One line, without its line end, in {@code line[from, to)}; the bytes are copied. */
    public void lineReceived(byte[] line, int from, int to) {
        accept(decoder.decode(line, from, to));
    }

    private void accept(DecodeResult decoded) {
        if (decoded instanceof Rejection rejection) {
            rejected(rejection);
            return;
        }
        NmeaMessage message = SentenceParser.parse((Sentence) decoded, refused);
        if (message == null) {
            return;
        }
        receiver.sentenceReceived(message);
        if (message instanceof NmeaMessage.Vdm vdm) {
            ais.accept(vdm);
        } else {
            assembler.accept(message);
        }
    }

    /** A line of {@code length} bytes was dropped by the framer. */
    public void lineTooLong(long length) {
        rejected(new Rejection(Rejection.Reason.LINE_TOO_LONG, "", length + " bytes"));
    }

    /** The stream ended: the last cycle becomes a fix. */
    public void flush() {
        assembler.flush();
    }

    /** The AIS reassembler, for its counts of dropped fragments. */
    public AisReassembler ais() {
        return ais;
    }

    private void rejected(Rejection rejection) {
        log.debug("NMEA line refused ({}): {} {}", rejection.reason(), rejection.detail(),
                rejection.line());
        receiver.sentenceRejected(rejection);
    }
}
