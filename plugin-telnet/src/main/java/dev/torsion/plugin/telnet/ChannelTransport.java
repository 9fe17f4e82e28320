package dev.torsion.plugin.telnet;

import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Transport;
import dev.torsion.ssh.server.ExecChannel;

/**
 * An SSH session channel as the transport of a terminal protocol: writes go out as channel data,
 * closing ends the channel with exit status 0. Flow control is the channel's (its window).
 */
final class ChannelTransport implements Transport {
    private final ExecChannel channel;
    private final Address peer;
    private boolean closed;

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

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
    }

    @Override
    public void unregisterProducer() {
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
