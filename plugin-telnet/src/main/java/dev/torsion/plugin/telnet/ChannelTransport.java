package dev.torsion.plugin.telnet;

import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import dev.torsion.ssh.server.ExecChannel;

/**
 * An SSH session channel as the transport of a terminal protocol: writes go out as channel data,
 * closing ends the channel with exit status 0. A registered producer is paused and resumed with
 * the channel's window (RFC 4254 section 5.2).
 */
final class ChannelTransport implements Transport {
    private final ExecChannel channel;
    private final Address peer;
    private boolean closed;
    private Producer producer;

    ChannelTransport(ExecChannel channel, Address peer) {
        this.channel = channel;
        this.peer = peer;
    }

    @Override
    public void write(byte[] data) {
        if (!closed) {
            channel.write(data);
        }
    }

    @Override
    public void loseConnection() {
        if (!closed) {
            closed = true;
            channel.exit(0);
        }
    }

    @Override
    public void abortConnection() {
        loseConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return closed;
    }

    @Override
    public Address getHost() {
        return null;
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    /** Remembered, to be paused and resumed as the channel's window closes and opens. */
    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        producer = newProducer;
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    /** The peer's window closed with output queued (RFC 4254 section 5.2): pause the producer. */
    void pauseOutput() {
        if (producer instanceof PushProducer push) {
            push.pauseProducing();
        }
    }

    /** The queued output went out: resume the producer. */
    void resumeOutput() {
        if (producer instanceof PushProducer push) {
            push.resumeProducing();
        }
    }

    /** The channel is gone: stop the producer. */
    void stopOutput() {
        if (producer != null) {
            producer.stopProducing();
        }
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void stopProducing() {
    }
}
