package dev.torsion.telnet.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.telnet.TelnetFactory;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.server.TelnetBootstrapProtocol;
import dev.torsion.telnet.support.Programs;
import dev.torsion.telnet.support.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's telnetlib and Twisted's {@code twisted.conch.telnet} client against our bootstrap
 * server on a real reactor: each negotiates NAWS (and telnetlib TERMINAL-TYPE) its own way, and
 * the server's report of what it learnt comes back over the wire.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class PythonClientsInteropTest {
    private static LiveReactor live;
    private static ListeningPort port;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(Programs.PYTHON);
        live = new LiveReactor();
        port = live.call(() -> live.reactor.listenTCP(0, new TelnetFactory(live.reactor, TelnetLimits.DEFAULT,
                peer -> new TelnetBootstrapProtocol(new Reporter(), TelnetLimits.DEFAULT)), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        live.call(() -> port.stopListening());
        live.close();
    }

    private static int tcp() {
        return ((IPAddress) port.getHost()).port();
    }

    private static String python(Path dir, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, script);
        Programs.Result result = Programs.run(List.of(Programs.PYTHON, "-W", "ignore", file.toString(),
                Integer.toString(tcp())), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    @Test
    void telnetlibNegotiatesNawsAndTerminalType(@TempDir Path dir) throws Exception {
        String output = python(dir, String.join("\n",
                "import sys, telnetlib",
                "from telnetlib import IAC, DO, DONT, WILL, WONT, SB, SE, NAWS, TTYPE, ECHO, SGA",
                "t = telnetlib.Telnet()",
                "sent_type = []",
                "def negotiate(sock, cmd, opt):",
                "    if cmd == DO and opt == NAWS:",
                "        sock.sendall(IAC + WILL + NAWS + IAC + SB + NAWS + bytes([0, 120, 0, 40]) + IAC + SE)",
                "    elif cmd == DO and opt == TTYPE:",
                "        sock.sendall(IAC + WILL + TTYPE)",
                "    elif cmd == SE:",
                "        if t.read_sb_data() == TTYPE + bytes([1]):",
                "            sock.sendall(IAC + SB + TTYPE + bytes([0]) + b'PYTHON-TELNETLIB' + IAC + SE)",
                "            sent_type.append(True)",
                "    elif cmd == WILL and opt in (ECHO, SGA):",
                "        sock.sendall(IAC + DO + opt)",
                "    elif cmd in (DO, DONT):",
                "        sock.sendall(IAC + WONT + opt)",
                "    elif cmd == WILL:",
                "        sock.sendall(IAC + DONT + opt)",
                "t.set_option_negotiation_callback(negotiate)",
                "t.open('127.0.0.1', int(sys.argv[1]))",
                "t.read_until(b'ready', 10)",
                "while not sent_type:",
                "    t.fill_rawq(); t.process_rawq()",
                "t.write(b'report\\r\\n')",
                "t.read_until(b'size=', 10)",
                "print('size=' + t.read_until(b'\\n', 10).decode().strip())",
                "t.close()",
                ""));
        assertTrue(output.contains("size=120x40 type=PYTHON-TELNETLIB"), output);
    }

    @Test
    void twistedTelnetClientNegotiatesNaws(@TempDir Path dir) throws Exception {
        String output = python(dir, String.join("\n",
                "import sys, struct",
                "from twisted.internet import reactor, protocol",
                "from twisted.conch.telnet import TelnetTransport, TelnetProtocol, NAWS, ECHO, SGA",
                "result = []",
                "class Client(TelnetProtocol):",
                "    buffer = b''",
                "    def enableLocal(self, option):",
                "        if option == NAWS:",
                "            reactor.callLater(0, self.sendSize)",
                "            return True",
                "        return False",
                "    def enableRemote(self, option):",
                "        return option in (ECHO, SGA)",
                "    def sendSize(self):",
                "        self.transport.requestNegotiation(NAWS, struct.pack('!HH', 100, 30))",
                "        self.transport.write(b'report\\r\\n')",
                "    def dataReceived(self, data):",
                "        self.buffer += data",
                "        if b'size=' in self.buffer and self.buffer.endswith(b'\\n'):",
                "            line = [l for l in self.buffer.split(b'\\n') if b'size=' in l][0]",
                "            result.append(line.decode().strip())",
                "            result.append('echo=%s' % self.transport.getOptionState(ECHO).him.state)",
                "            reactor.stop()",
                "factory = protocol.ClientFactory()",
                "factory.protocol = lambda: TelnetTransport(Client)",
                "reactor.connectTCP('127.0.0.1', int(sys.argv[1]), factory)",
                "reactor.callLater(20, reactor.stop)",
                "reactor.run()",
                "print('\\n'.join(result))",
                "sys.exit(0 if result else 1)",
                ""));
        assertTrue(output.contains("size=100x30 type=none"), output);
        assertTrue(output.contains("echo=yes"), "Twisted saw our WILL ECHO through: " + output);
    }
}
