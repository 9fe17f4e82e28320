package dev.torsion.socks.support;

import dev.torsion.cred.Portal;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import dev.torsion.socks.server.SocksServerProtocol;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;

/** One SOCKS server connection on a {@link StringTransport}, from a loopback client, fed whole or byte by byte. */
public final class Wire {
    public final TestClock clock;
    public final MemoryConnector connector;
    public final StringTransport transport;
    public final SocksServerProtocol protocol;

    /** A connection to a server with {@code rules} and {@code portal} (null: no authentication), from {@code client}. */
    public Wire(MemoryConnector connector, SocksAccessRules rules, Portal portal, String client) {
        this(new TestClock(), connector, rules, portal, SocksLimits.DEFAULT, client);
    }

    /** As above, with {@code limits}, on {@code clock}. */
    public Wire(TestClock clock, MemoryConnector connector, SocksAccessRules rules, Portal portal, SocksLimits limits,
            String client) {
        this(clock, new SocksServerFactory(clock, connector, rules, portal, limits), connector, client);
    }

    /** A connection from {@code client} to a server that {@code factory} (on {@code clock} and {@code connector}) builds. */
    public Wire(TestClock clock, SocksServerFactory factory, MemoryConnector connector, String client) {
        this.clock = clock;
        this.connector = connector;
        transport = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 1080),
                new IPv4Address(SocketType.TCP, client, 50000));
        protocol = factory.buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
    }

    /** A loopback client of a no-authentication server with the default rules. */
    public Wire(MemoryConnector connector) {
        this(connector, SocksAccessRules.loopbackOnly(), null, "127.0.0.1");
    }

    /** Sends {@code data} in one piece. */
    public Wire send(byte[] data) {
        protocol.dataReceived(data);
        return this;
    }

    /** Sends {@code data} one byte at a time. */
    public Wire sendByteByByte(byte[] data) {
        for (byte b : data) {
            protocol.dataReceived(new byte[] {b});
        }
        return this;
    }

    /** What the server wrote so far, taken (the transport is cleared). */
    public byte[] take() {
        byte[] out = transport.value();
        transport.clear();
        return out;
    }
}
