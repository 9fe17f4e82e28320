package dev.torsion.ftp.support;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.AllowAnonymousAccess;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.ftp.server.FtpRealm;
import dev.torsion.ftp.server.FtpServer;
import dev.torsion.ftp.server.FtpServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * An FTP session on a StringTransport and a MemoryReactor (whose deferToThread runs at once), over
 * a directory on disk; alice/secret logs in, and so does anonymous when the config allows it. The
 * server is 10.0.0.1:21, the client 192.168.1.1.
 */
public final class Wire {
    public static final String CLIENT = "192.168.1.1";
    public final MemoryReactor reactor = new MemoryReactor();
    public final StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "10.0.0.1", 21),
            new IPv4Address(SocketType.TCP, CLIENT, 50000));
    public final FtpServer server;
    public final Path root;

    public Wire(Path root, UnaryOperator<FtpServerConfig> configure) {
        this.root = root;
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret");
        Portal portal = new Portal(FtpRealm.sharedRoot(root, true, reactor), reactor, users, new AllowAnonymousAccess());
        portal.setFailureDelay(Duration.ZERO);
        server = new FtpServer(configure.apply(FtpServerConfig.of(portal, reactor)));
        server.makeConnection(transport);
    }

    public Wire(Path root) {
        this(root, c -> c);
    }

    public Wire send(String text) {
        return send(text, false);
    }

    public Wire send(String text, boolean byteByByte) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!byteByByte) {
            server.dataReceived(bytes);
            return this;
        }
        for (byte b : bytes) {
            server.dataReceived(new byte[] {b});
        }
        return this;
    }

    public Wire login() {
        send("USER alice\r\nPASS secret\r\n");
        clear();
        return this;
    }

    /** Everything after the greeting line. */
    public String replies() {
        String out = transport.valueAsString();
        return out.substring(out.indexOf("\r\n") + 2);
    }

    public String output() {
        return transport.valueAsString();
    }

    public Wire clear() {
        transport.clear();
        return this;
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }

    /** The client's end of a data connection. */
    public static final class DataEnd {
        public final StringTransport transport;
        public final Protocol protocol;

        DataEnd(StringTransport transport, Protocol protocol) {
            this.transport = transport;
            this.protocol = protocol;
        }

        public String received() {
            return transport.valueAsString();
        }

        public void send(byte[] bytes) {
            protocol.dataReceived(bytes);
        }

        /** The peer closes: cleanly or not. */
        public void close(boolean clean) {
            transport.closeConnection(protocol, clean);
        }
    }

    /** The port the last passive listener is bound to. */
    public int passivePort() {
        return reactor.tcpServers().get(reactor.tcpServers().size() - 1).listeningPort().getHost() instanceof IPv4Address a ? a.port() : -1;
    }

    /** Connects to the last passive listener from {@code host}; null when the server refused. */
    public DataEnd connectPassive(String host) {
        return connectPassive(host, false);
    }

    /** As {@link #connectPassive(String)}, on a transport with zero-copy {@code sendFile} when {@code zeroCopy}. */
    public DataEnd connectPassive(String host, boolean zeroCopy) {
        MemoryReactor.TcpServer listener = reactor.tcpServers().get(reactor.tcpServers().size() - 1);
        IPv4Address peer = new IPv4Address(SocketType.TCP, host, 50001);
        Protocol protocol = listener.factory().buildProtocol(peer);
        if (protocol == null) {
            return null;
        }
        StringTransport data = zeroCopy
                ? new FileSendingStringTransport(new IPv4Address(SocketType.TCP, "10.0.0.1", passivePort()), peer)
                : new StringTransport(new IPv4Address(SocketType.TCP, "10.0.0.1", passivePort()), peer);
        protocol.makeConnection(data);
        return new DataEnd(data, protocol);
    }

    /** Accepts the server's last active connection attempt. */
    public DataEnd acceptActive() {
        var client = reactor.tcpClients().get(reactor.tcpClients().size() - 1);
        StringTransport data = new StringTransport(new IPv4Address(SocketType.TCP, "10.0.0.1", 20),
                new IPv4Address(SocketType.TCP, client.host(), client.port()));
        Protocol protocol = client.connector().connectionMade(data);
        return new DataEnd(data, protocol);
    }
}
