package dev.torsion.smtp.support;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.smtp.server.SmtpServer;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A server session on a StringTransport and a TestClock, fed whole or byte by byte. */
public final class Wire {
    public static final String GREETING = "220 mx.example.org ESMTP Torsion\r\n";
    public static final String EHLO_REPLY = "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n"
            + "250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n";

    public final StringTransport transport = new StringTransport(
            new IPv4Address(SocketType.TCP, "127.0.0.1", 25), new IPv4Address(SocketType.TCP, "192.0.2.7", 40000));
    public final TestClock clock = new TestClock();
    public final RecordingDelivery delivery;
    public final SmtpServer server;

    public Wire(SmtpServerConfig config, RecordingDelivery delivery) {
        this.delivery = delivery;
        server = new SmtpServer(config.withWallClock(Clock.fixed(Instant.parse("2026-12-05T18:00:00Z"), ZoneOffset.UTC)), delivery, clock);
        server.makeConnection(transport);
    }

    public Wire() {
        this(defaultConfig(), new RecordingDelivery());
    }

    public static SmtpServerConfig defaultConfig() {
        return SmtpServerConfig.of("mx.example.org");
    }

    public Wire send(String text) {
        server.dataReceived(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Wire sendByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            server.dataReceived(new byte[] {b});
        }
        return this;
    }

    public Wire send(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            server.dataReceived(bytes.clone());
            return this;
        }
        for (byte b : bytes) {
            server.dataReceived(new byte[] {b});
        }
        return this;
    }

    public Wire send(String text, boolean byteByByte) {
        return byteByByte ? sendByteByByte(text) : send(text);
    }

    public String output() {
        return transport.valueAsString();
    }

    /** The output after the greeting. */
    public String replies() {
        String out = output();
        return out.startsWith(GREETING) ? out.substring(GREETING.length()) : out;
    }

    /** Forgets the output so far. */
    public Wire clear() {
        transport.clear();
        return this;
    }

    public boolean closed() {
        return transport.isDisconnecting();
    }
}
