package dev.torsion.dns.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.DnsFormatException;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.codec.TcpFrameDecoder;
import dev.torsion.dns.zone.Zone;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.time.DelayedCall;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * AXFR in (RFC 5936): one TCP connection, the zone's records from the first SOA to the SOA again,
 * each message checked for ID and RCODE, at most {@code maxZoneRecords} records, the whole within
 * a deadline of ten query timeouts.
 */
public final class ZoneTransfer {
    private ZoneTransfer() {
    }

    /** Transfers {@code origin} from {@code primary}; fires with the zone, or fails. */
    public static Deferred<Zone> transfer(Reactor reactor, NameServer primary, Name origin, DnsLimits limits) {
        Deferred<Zone> result = new Deferred<>();
        Message query = Message.query(new SecureRandom().nextInt(0x10000), Question.of(origin, RRType.AXFR), false, null);
        Receiver receiver = new Receiver(query, origin, limits, result);
        reactor.connectTCP(primary.host(), primary.port(), new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return receiver;
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                if (!result.isCalled()) {
                    result.errback(reason);
                }
            }
        }, limits.queryTimeout(), null);
        DelayedCall deadline = reactor.callLater(limits.queryTimeout().multipliedBy(10), () -> {
            if (!result.isCalled()) {
                result.errback(new DnsLookupError(query.question(), DnsLookupError.TIMEOUT));
            }
        });
        return result.addFinally(() -> {
            if (deadline.active()) {
                deadline.cancel();
            }
            receiver.close();
        });
    }

    /** Collects the records of one transfer. */
    private static final class Receiver extends Protocol {
        private final Message query;
        private final Name origin;
        private final DnsLimits limits;
        private final Deferred<Zone> result;
        private final TcpFrameDecoder decoder = new TcpFrameDecoder();
        private final List<ResourceRecord> records = new ArrayList<>();

        Receiver(Message query, Name origin, DnsLimits limits, Deferred<Zone> result) {
            this.query = query;
            this.origin = origin;
            this.limits = limits;
            this.result = result;
        }

        @Override
        public void connectionMade() {
            transport().write(TcpFrameDecoder.frame(MessageCodec.encode(query)));
        }

        @Override
        public void dataReceived(byte[] data) {
            for (byte[] frame : decoder.feed(data)) {
                if (result.isCalled()) {
                    return;
                }
                try {
                    message(MessageCodec.decode(frame, limits));
                } catch (DnsFormatException | DnsLookupError | IllegalArgumentException e) {
                    result.errback(e);
                }
            }
        }

        private void message(Message m) throws DnsLookupError {
            if (!m.has(Message.QR) || m.id() != query.id()) {
                throw new IllegalArgumentException("an AXFR message with a foreign ID");
            }
            if (m.rcode() != Rcode.NOERROR) {
                throw new DnsLookupError(query.question(), m.rcode());
            }
            for (ResourceRecord r : m.answers()) {
                if (records.isEmpty() && (r.type() != RRType.SOA || !r.name().equals(origin))) {
                    throw new IllegalArgumentException("an AXFR that does not start with the zone's SOA");
                }
                if (!records.isEmpty() && r.type() == RRType.SOA && r.name().equals(origin)) {
                    // RFC 5936 section 2.2: the SOA again ends the transfer.
                    result.callback(Zone.of(origin, records));
                    return;
                }
                records.add(r);
                if (records.size() > limits.maxZoneRecords()) {
                    throw new IllegalArgumentException("an AXFR of more than " + limits.maxZoneRecords() + " records");
                }
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!result.isCalled()) {
                result.errback(new IllegalStateException("the AXFR connection closed before the final SOA"));
            }
        }

        void close() {
            if (transport() != null) {
                transport().loseConnection();
            }
        }
    }
}
