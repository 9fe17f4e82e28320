package dev.torsion.socks.support;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.socks.server.DestinationConnector;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link DestinationConnector} without sockets or DNS: names resolve from a map, ports in the
 * refused set are refused, and every other connection succeeds at once on a {@link StringTransport}
 * whose local side is 10.9.9.9:40000. BIND ports and UDP sockets are opened on a
 * {@link MemoryReactor}, where a test finds them ({@code reactor.tcpServers()},
 * {@code reactor.udpPorts()}) to play the incoming connection or the datagrams.
 */
public final class MemoryConnector implements DestinationConnector {
    private final Map<String, InetAddress> names = new HashMap<>();
    private final Set<Integer> refusedPorts = new HashSet<>();
    private final Set<Integer> heldPorts = new HashSet<>();
    /** Connection attempts to held ports, never answered, each counted when cancelled. */
    public final List<Deferred<Protocol>> held = new ArrayList<>();
    /** How many held attempts were cancelled. */
    public int cancelled;
    /** Every destination connection made, in order. */
    public final List<Connection> connections = new ArrayList<>();
    /** Every name asked to resolve. */
    public final List<String> resolved = new ArrayList<>();
    /** Where BIND ports and UDP sockets are opened. */
    public final MemoryReactor reactor = new MemoryReactor();
    /** Names whose resolution waits until the test fires the Deferred. */
    public final List<Deferred<InetAddress>> pendingResolutions = new ArrayList<>();
    private boolean holdResolutions;

    /** One connection made to a destination. */
    public record Connection(InetAddress address, int port, StringTransport transport, Protocol protocol) {
    }

    /** Makes {@code name} resolve to the literal {@code address}. */
    public MemoryConnector name(String name, String address) {
        try {
            names.put(name, InetAddress.getByAddress(name, InetAddress.getByName(address).getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Connections to {@code port} are refused. */
    public MemoryConnector refuse(int port) {
        refusedPorts.add(port);
        return this;
    }

    /** Connections to {@code port} are never answered (until cancelled). */
    public MemoryConnector hold(int port) {
        heldPorts.add(port);
        return this;
    }

    /** From now on, resolutions wait in {@link #pendingResolutions}. */
    public MemoryConnector holdResolutions() {
        holdResolutions = true;
        return this;
    }

    @Override
    public ListeningPort listenTCP(String interfaceAddress, ProtocolFactory factory) {
        return reactor.listenTCP(0, factory, 1, interfaceAddress);
    }

    @Override
    public ListeningPort listenUDP(String interfaceAddress, DatagramProtocol protocol, int maxPacketSize) {
        return reactor.listenUDP(0, protocol, interfaceAddress, maxPacketSize);
    }

    @Override
    public Deferred<InetAddress> resolve(String host) {
        resolved.add(host);
        if (holdResolutions) {
            Deferred<InetAddress> pending = new Deferred<>();
            pendingResolutions.add(pending);
            return pending;
        }
        InetAddress address = names.get(host);
        return address == null ? Deferred.fail(new DNSLookupError("no such name: " + host)) : Deferred.succeed(address);
    }

    @Override
    public ClientEndpoint endpoint(InetAddress address, int port, Duration timeout) {
        return factory -> {
            if (refusedPorts.contains(port)) {
                return Deferred.fail(new ConnectionRefusedError("connection refused"));
            }
            if (heldPorts.contains(port)) {
                Deferred<Protocol> attempt = new Deferred<>(d -> cancelled++);
                held.add(attempt);
                return attempt;
            }
            StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "10.9.9.9", 40000),
                    new IPv4Address(SocketType.TCP, address.getHostAddress(), port));
            Protocol protocol = factory.buildProtocol(transport.getPeer());
            connections.add(new Connection(address, port, transport, protocol));
            protocol.makeConnection(transport);
            return Deferred.succeed(protocol);
        };
    }
}
