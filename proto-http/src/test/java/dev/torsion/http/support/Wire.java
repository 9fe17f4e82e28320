package dev.torsion.http.support;

import dev.torsion.http.resource.Site;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.RequestHandler;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;

/** A server channel on a StringTransport and a TestClock, fed whole or byte by byte. */
public final class Wire {
    public final StringTransport transport = new StringTransport();
    public final TestClock clock = new TestClock();
    public final HttpChannel channel;

    public Wire(RequestHandler handler, ServerConfig config) {
        channel = new HttpChannel(handler, config, clock, false);
        channel.makeConnection(transport);
    }

    public Wire(Site site) {
        this(site, site.config());
    }

    public Wire send(String text) {
        channel.dataReceived(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    public Wire sendByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            channel.dataReceived(new byte[] {b});
        }
        return this;
    }

    public Wire send(String text, boolean byteByByte) {
        return byteByByte ? sendByteByByte(text) : send(text);
    }

    /**
     * Whether the server side ended the connection, or its own writing while it lingers to read
     * what the client still sends (a lingering close).
     */
    public boolean closed() {
        return transport.isDisconnecting() || transport.isWriteConnectionClosed();
    }

    public String output() {
        return transport.valueAsString();
    }

    /** The responses written so far, split on their status lines. */
    public String[] responses() {
        String all = output();
        if (all.isEmpty()) {
            return new String[0];
        }
        return all.substring(all.indexOf("HTTP/1.1 ")).split("(?=HTTP/1\\.1 \\d{3} )");
    }
}
