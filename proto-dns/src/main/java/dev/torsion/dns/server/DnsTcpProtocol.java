package dev.torsion.dns.server;

import dev.torsion.defer.Failure;
import dev.torsion.dns.codec.TcpFrameDecoder;
import dev.torsion.dns.codec.TcpFrameState;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over TCP, server side (RFC 7766): length-prefixed messages, several queries in flight and
 * answered as each lookup completes (section 6.2.1.1), reading paused while the limit of queries
 * in flight is reached, an idle timeout (section 6.2.3), and the core's close and send deadlines
 * through {@code loseConnection()}.
 */
public final class DnsTcpProtocol extends Protocol {
    private static final Logger LOG = LoggerFactory.getLogger(DnsTcpProtocol.class);

    private final DnsServer server;
    private final Clock clock;
    private final TcpFrameDecoder decoder = new TcpFrameDecoder();
    private DnsTcpState state = DnsTcpState.OPEN;
    private IdleTimeout idle;
    private int inFlight;
    private boolean paused;

    /** A connection served by {@code server}, timed on {@code clock}. */
    public DnsTcpProtocol(DnsServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** The state. */
    public DnsTcpState state() {
        return state;
    }

    @Override
    public void connectionMade() {
        idle = new IdleTimeout(clock, this::idleTimedOut);
        idle.setTimeout(server.limits().tcpIdleTimeout());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != DnsTcpState.OPEN) {
            return;
        }
        idle.resetTimeout();
        for (byte[] message : decoder.feed(data)) {
            if (state != DnsTcpState.OPEN) {
                // A message that closed the stream (no readable header) ends the reading, even mid-segment.
                break;
            }
            queryReceived(message);
        }
        if (decoder.state() == TcpFrameState.FAILED && state == DnsTcpState.OPEN) {
            LOG.info("closing the connection from {}: a zero length prefix", transport().getPeer());
            drain();
        }
    }

    private void queryReceived(byte[] message) {
        inFlight++;
        if (inFlight >= server.limits().maxTcpQueriesInFlight() && !paused) {
            paused = true;
            transport().pauseProducing();
        }
        server.handle(message, DnsServer.Transport.TCP, transport().getPeer()).addCallback(outcome -> {
            answered(outcome);
            return null;
        });
    }

    private void answered(Outcome outcome) {
        inFlight--;
        if (state == DnsTcpState.CLOSED) {
            return;
        }
        for (byte[] reply : outcome.replies()) {
            transport().write(TcpFrameDecoder.frame(reply));
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        if (outcome.close() && state == DnsTcpState.OPEN) {
            drain();
        }
        if (paused && inFlight < server.limits().maxTcpQueriesInFlight() && state == DnsTcpState.OPEN) {
            paused = false;
            transport().resumeProducing();
        }
        if (state == DnsTcpState.DRAINING && inFlight == 0) {
            transport().loseConnection();
        }
    }

    /** Stops reading; closes once the answers in flight are out. */
    private void drain() {
        state = DnsTcpState.DRAINING;
        if (inFlight == 0) {
            transport().loseConnection();
        }
    }

    private void idleTimedOut() {
        if (state == DnsTcpState.OPEN) {
            LOG.debug("closing the idle connection from {}{}", transport().getPeer(),
                    decoder.isMidMessage() ? " (a message partly sent)" : "");
            drain();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = DnsTcpState.CLOSED;
        if (idle != null) {
            idle.cancel();
        }
    }
}
