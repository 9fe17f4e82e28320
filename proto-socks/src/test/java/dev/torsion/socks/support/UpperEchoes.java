package dev.torsion.socks.support;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Echo servers that answer in upper case, so an answer proves the bytes reached the destination. */
public final class UpperEchoes {
    private UpperEchoes() {
    }

    private static byte[] upper(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** TCP: echoes in upper case; at the client's end of input, closes once all is written. */
    public static final class Stream extends Protocol implements HalfCloseableProtocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(upper(data));
        }

        @Override
        public void readConnectionLost() {
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
        }
    }

    /** UDP: sends each datagram back in upper case where it came from. */
    public static final class Datagrams extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            transport().write(upper(datagram), from);
        }
    }
}
