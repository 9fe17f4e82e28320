package dev.torsion.nmea.position;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.time.Clock;

/**
 * Reads NMEA from UDP datagrams, as AIS receivers, chart plotters' multiplexers and
 * {@code gpsd -u}/{@code gps2udp} send it (commonly to port 10110): each datagram holds one
 * sentence or several, separated by CR LF or LF, the last one with or without its line end (a
 * datagram is whole, so nothing is carried over to the next). Lines past
 * {@link NmeaLimits#maxLineLength()} are dropped. Datagrams from every sender feed one
 * {@link SentenceProcessor}.
 */
public final class NmeaDatagramProtocol extends DatagramProtocol {

    private final SentenceProcessor processor;
    private final NmeaLimits limits;

    /** A protocol applying {@code limits}, timing AIS reassembly with {@code clock}. */
    public NmeaDatagramProtocol(PositioningReceiver receiver, NmeaLimits limits, Clock clock) {
        this.processor = new SentenceProcessor(receiver, limits, clock::nanoTime);
        this.limits = limits;
    }

    @Override
    public void datagramReceived(byte[] datagram, Address from) {
        int start = 0;
        for (int i = 0; i <= datagram.length; i++) {
            if (i == datagram.length || datagram[i] == '\n') {
                line(datagram, start, i);
                start = i + 1;
            }
        }
    }

    @Override
    public void stopProtocol() {
        processor.flush();
    }

    private void line(byte[] datagram, int start, int end) {
        int length = end - start;
        if (length > 0 && datagram[end - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            return;
        }
        if (length > limits.maxLineLength()) {
            processor.lineTooLong(length);
            return;
        }
        processor.lineReceived(datagram, start, start + length);
    }
}
