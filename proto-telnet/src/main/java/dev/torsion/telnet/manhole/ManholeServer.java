package dev.torsion.telnet.manhole;

import dev.torsion.cred.Portal;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.telnet.TelnetFactory;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.server.TelnetBootstrapProtocol;
import dev.torsion.telnet.terminal.TerminalServerProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manhole over Telnet, as {@code twistd telnet}: Telnet ({@link TelnetBootstrapProtocol}), the
 * terminal layer ({@link TerminalServerProtocol}) and a {@link ManholeSession} per connection.
 * A login is always required. Peers other than loopback are turned away unless allowed, whatever
 * address the port listens on.
 */
public final class ManholeServer {
    private static final Logger log = LoggerFactory.getLogger(ManholeServer.class);

    private ManholeServer() {
    }

    /** A factory of manhole connections over Telnet. */
    public static ProtocolFactory telnetFactory(Reactor reactor, Portal portal, ManholeNamespace namespace,
            TelnetLimits limits, boolean allowRemotePeers) {
        ProtocolFactory telnet = new TelnetFactory(reactor, limits, peer -> {
            ManholeSession session = new ManholeSession(reactor, portal, namespace, peer, limits.maxLineLength());
            return new TelnetBootstrapProtocol(new TerminalServerProtocol(session), limits);
        });
        return allowRemotePeers ? telnet : loopbackOnly(telnet);
    }

    /** {@code factory} for loopback peers; others are told why and hung up on. */
    public static ProtocolFactory loopbackOnly(ProtocolFactory factory) {
        return peer -> {
            if (!isLoopback(peer)) {
                log.warn("manhole: connection from non-loopback peer refused: {}", peer);
                return new Refusal();
            }
            return factory.buildProtocol(peer);
        };
    }

    /** Whether {@code address} is a loopback address (or a UNIX socket, local by nature). */
    public static boolean isLoopback(Address address) {
        if (address instanceof UNIXAddress) {
            return true;
        }
        if (!(address instanceof IPAddress ip)) {
            return false;
        }
        try {
            return InetAddress.getByName(ip.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Says why and hangs up. */
    private static final class Refusal extends Protocol {
        @Override
        public void connectionMade() {
            transport().write("manhole: only loopback clients are allowed\r\n".getBytes(StandardCharsets.US_ASCII));
            transport().loseConnection();
        }
    }
}
