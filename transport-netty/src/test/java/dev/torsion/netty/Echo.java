package dev.torsion.netty;

import dev.torsion.internet.Protocol;

/** Writes back what it receives. */
class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
        transport().write(data);
    }
}
