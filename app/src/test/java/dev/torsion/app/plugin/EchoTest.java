package dev.torsion.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EchoTest {
    private final StringTransport transport = new StringTransport();
    private final Echo echo = new Echo();

    @Test
    void sendsBackEveryByteInOrder() {
        echo.makeConnection(transport);
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
            echo.dataReceived(new byte[] {(byte) i});
        }
        assertEquals(new String(all, StandardCharsets.ISO_8859_1),
                new String(transport.value(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void pausesReadingWhenItsOwnWritesBackUp() {
        echo.makeConnection(transport);
        assertSame(transport, transport.producer());
        assertTrue(transport.isStreaming());
    }

    @Test
    void closesAfterTheClientStopsWriting() {
        echo.makeConnection(transport);
        echo.dataReceived("last".getBytes(StandardCharsets.US_ASCII));
        assertFalse(transport.isDisconnecting());

        echo.readConnectionLost();

        assertEquals("last", transport.valueAsString());
        assertTrue(transport.isDisconnecting());
        assertFalse(transport.isAborted());
        assertNull(transport.producer());
    }
}
