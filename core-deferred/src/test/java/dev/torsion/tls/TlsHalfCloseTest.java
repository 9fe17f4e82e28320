package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.IOPump;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * TLS closing on the memory transport: the {@code close_notify} goes out before the transport's end
 * of stream, what each side sees (half-close in TLS 1.3, the full close TLS 1.2 requires), and a
 * peer that stops without {@code close_notify} reported as a possible truncation.
 */
class TlsHalfCloseTest {
    private static final int ALERT = 21;

    /** One log for both sides, so that the order of what happened on the wire and above it shows. */
    private final List<String> log = new ArrayList<>();

    /**
     * Sits below a {@link TlsProtocol} and records, for its side, the TLS record types that arrive
     * and the transport's end of stream ({@code fin}), then passes them on.
     */
    private final class WireTap extends Protocol implements HalfCloseableProtocol {
        final String side;
        final TlsProtocol tls;

        WireTap(String side, TlsProtocol tls) {
            this.side = side;
            this.tls = tls;
        }

        @Override
        public void connectionMade() {
            tls.makeConnection(transport());
        }

        @Override
        public void dataReceived(byte[] data) {
            log.add(side + " wire " + recordTypes(data));
            tls.dataReceived(data);
        }

        @Override
        public void readConnectionLost() {
            log.add(side + " fin");
            tls.readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            tls.writeConnectionLost();
        }

        @Override
        public void connectionLost(Failure reason) {
            log.add(side + " transport closed");
            tls.notifyConnectionLost(reason);
        }
    }

    /** The record types in {@code data}, which the memory transport hands over in whole records. */
    private static String recordTypes(byte[] data) {
        StringJoiner types = new StringJoiner(",");
        int at = 0;
        while (at + 5 <= data.length) {
            types.add(Integer.toString(data[at] & 0xff));
            at += 5 + ((data[at + 3] & 0xff) << 8 | (data[at + 4] & 0xff));
        }
        assertEquals(data.length, at, "whole records");
        return types.toString();
    }

    /** A half-closeable application that logs what it hears; {@code answer} it sends once the peer stops writing. */
    private final class App extends Protocol implements HalfCloseableProtocol {
        final String side;
        final String answer;
        Failure lost;

        App(String side, String answer) {
            this.side = side;
            this.answer = answer;
        }

        @Override
        public void dataReceived(byte[] data) {
            log.add(side + " app data " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void readConnectionLost() {
            log.add(side + " app readConnectionLost");
            if (answer != null) {
                transport().write(answer.getBytes(StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        }

        @Override
        public void writeConnectionLost() {
            log.add(side + " app writeConnectionLost");
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
            log.add(side + " app lost " + reason.value().getClass().getSimpleName());
        }
    }

    private IOPump connect(App server, App client, TlsOptions serverOptions) {
        IOPump pump = IOPump.connect(new WireTap("server", new TlsProtocol(serverOptions, server)),
                new WireTap("client", new TlsProtocol(TestCertificates.clientOptions(), client)));
        log.clear();
        return pump;
    }

    private int indexOf(String entry) {
        int index = log.indexOf(entry);
        assertTrue(index >= 0, "'" + entry + "' missing from " + log);
        return index;
    }

    private void assertBefore(String first, String second) {
        assertTrue(indexOf(first) < indexOf(second), "'" + first + "' should come before '" + second + "' in " + log);
    }

    @Test
    void tls13HalfCloseLetsThePeerAnswerThenBothCloseCleanly() {
        App server = new App("server", "answer");
        App client = new App("client", null);
        IOPump pump = connect(server, client, TestCertificates.serverOptions());
        assertEquals("TLSv1.3", ((TlsProtocol) client.transport()).protocolVersion());

        client.transport().write("request".getBytes(StandardCharsets.US_ASCII));
        ((TlsProtocol) client.transport()).loseWriteConnection();
        client.transport().write("dropped".getBytes(StandardCharsets.US_ASCII));
        pump.flush();

        // The server's TLS saw the client's close_notify (and told its application) before the FIN.
        assertBefore("server app data request", "server app readConnectionLost");
        assertBefore("server app readConnectionLost", "server fin");
        assertBefore("client app writeConnectionLost", "client app data answer");
        assertBefore("client app data answer", "client app readConnectionLost");
        assertBefore("client app readConnectionLost", "client app lost ConnectionDone");
        assertEquals("ConnectionDone", server.lost.value().getClass().getSimpleName(), log.toString());
        assertEquals("ConnectionDone", client.lost.value().getClass().getSimpleName(), log.toString());
        assertFalse(log.contains("server app data dropped"), log.toString());
    }

    @Test
    void tls12HalfCloseIsAnsweredWithCloseNotifyAndAFullClose() {
        App server = new App("server", "never sent");
        App client = new App("client", null);
        IOPump pump = connect(server, client, TestCertificates.serverOptions().withProtocols("TLSv1.2"));
        assertEquals("TLSv1.2", ((TlsProtocol) client.transport()).protocolVersion());

        client.transport().write("request".getBytes(StandardCharsets.US_ASCII));
        ((TlsProtocol) client.transport()).loseWriteConnection();
        pump.flush();

        // The request, then the close_notify alert (its type is in the clear in TLS 1.2), then the FIN.
        assertBefore("server wire 23," + ALERT, "server fin");
        // TLS 1.2 has no half-close: the server answers with its own close_notify and closes.
        assertFalse(log.contains("server app readConnectionLost"), log.toString());
        assertTrue(log.contains("client wire " + ALERT), "the server's close_notify: " + log);
        assertEquals("ConnectionDone", server.lost.value().getClass().getSimpleName(), log.toString());
        assertEquals("ConnectionDone", client.lost.value().getClass().getSimpleName(), log.toString());
        assertFalse(log.contains("client app data never sent"), log.toString());
    }

    @Test
    void loseConnectionPutsCloseNotifyOnTheWireBeforeClosing() {
        App server = new App("server", null);
        App client = new App("client", null);
        IOPump pump = connect(server, client, TestCertificates.serverOptions().withProtocols("TLSv1.2"));

        client.transport().write("bye".getBytes(StandardCharsets.US_ASCII));
        client.transport().loseConnection();
        pump.flush();

        assertBefore("server wire 23," + ALERT, "server transport closed");
        assertEquals("ConnectionDone", server.lost.value().getClass().getSimpleName(), log.toString());
        assertEquals("ConnectionDone", client.lost.value().getClass().getSimpleName(), log.toString());
    }

    @Test
    void peerClosingWithoutHalfCloseSupportClosesCleanly() {
        App server = new App("server", null);
        Protocol plainClient = new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                log.add("client app lost " + reason.value().getClass().getSimpleName());
            }
        };
        IOPump pump = IOPump.connect(new WireTap("server", new TlsProtocol(TestCertificates.serverOptions(), server)),
                new WireTap("client", new TlsProtocol(TestCertificates.clientOptions(), plainClient)));
        ((TlsProtocol) server.transport()).loseWriteConnection();
        pump.flush();

        // The client cannot half-close, so its TLS answers the close_notify and closes.
        assertBefore("client wire 23", "client fin");
        assertTrue(log.contains("server app writeConnectionLost"), log.toString());
        assertTrue(log.contains("client app lost ConnectionDone"), log.toString());
        assertEquals("ConnectionDone", server.lost.value().getClass().getSimpleName(), log.toString());
    }

    @Test
    void finWithoutCloseNotifyIsReportedAsTruncation() {
        App server = new App("server", "never sent");
        App client = new App("client", null);
        IOPump pump = connect(server, client, TestCertificates.serverOptions());

        client.transport().write("cut".getBytes(StandardCharsets.US_ASCII));
        pump.flush();
        pump.clientTransport().loseWriteConnection(); // TCP's FIN, under TLS's feet
        pump.flush();

        assertTrue(log.contains("server fin"), log.toString());
        assertFalse(log.contains("server app readConnectionLost"), "no close_notify came: " + log);
        assertEquals("ConnectionLost", server.lost.value().getClass().getSimpleName(), log.toString());
        assertTrue(server.lost.getErrorMessage().contains("close_notify"), server.lost.getErrorMessage());
    }

    @Test
    void transportClosedAfterOurHalfCloseWithoutThePeersCloseNotifyIsTruncation() {
        App server = new App("server", null);
        App client = new App("client", null);
        IOPump pump = connect(server, client, TestCertificates.serverOptions());

        ((TlsProtocol) client.transport()).loseWriteConnection();
        pump.flush();
        assertTrue(log.contains("server app readConnectionLost"), log.toString());
        pump.serverTransport().loseConnection(); // the server's TCP closes, its TLS never says close_notify
        pump.flush();

        assertEquals("ConnectionLost", client.lost.value().getClass().getSimpleName(), log.toString());
    }
}
