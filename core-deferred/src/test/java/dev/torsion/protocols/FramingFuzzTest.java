package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.StringTransport;
import dev.torsion.tls.TestCertificates;
import dev.torsion.tls.TlsError;
import dev.torsion.tls.TlsProtocol;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Random bytes into every parser: none throws, none buffers more than its limit allows, and every
 * breach ends in its documented error with the connection closed.
 */
class FramingFuzzTest {
    private static final long SEED = 20261125L;
    private static final Logger[] QUIET = {
        (Logger) LoggerFactory.getLogger("dev.torsion.protocols"), (Logger) LoggerFactory.getLogger("dev.torsion.tls")
    };
    private static final Level[] SAVED = new Level[QUIET.length];

    @BeforeAll
    static void quiet() {
        for (int i = 0; i < QUIET.length; i++) {
            SAVED[i] = QUIET[i].getLevel();
            QUIET[i].setLevel(Level.ERROR);
        }
    }

    @AfterAll
    static void restore() {
        for (int i = 0; i < QUIET.length; i++) {
            QUIET[i].setLevel(SAVED[i]);
        }
    }

    /** Bytes biased towards the characters the parsers care about. */
    private static byte[] noise(Random random, int length) {
        byte[] alphabet = {'\r', '\n', ':', ',', '0', '1', '9', 'a', 0, (byte) 0xff};
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    private static void feed(Protocol protocol, byte[] bytes, Random random, Runnable check) {
        int i = 0;
        while (i < bytes.length) {
            int size = Math.min(bytes.length - i, 1 + random.nextInt(64));
            protocol.dataReceived(Arrays.copyOfRange(bytes, i, i + size));
            check.run();
            i += size;
        }
    }

    @Test
    void lineReceiverNeverBuffersMoreThanALine() {
        Random random = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            int[] exceeded = {0};
            LineReceiver receiver = new LineReceiver() {
                @Override
                protected void lineReceived(byte[] line) {
                    assertTrue(line.length <= 32);
                }

                @Override
                protected void lineLengthExceeded(byte[] line) {
                    exceeded[0]++;
                    super.lineLengthExceeded(line);
                }
            };
            receiver.setMaxLength(32);
            StringTransport transport = new StringTransport();
            receiver.makeConnection(transport);
            feed(receiver, noise(random, 2000), random, () -> {
                byte[] held = receiver.clearLineBuffer();
                assertTrue(held.length < 32 + 2, "buffered " + held.length);
                receiver.setLineMode(held);
            });
            assertTrue(exceeded[0] <= 1);
            assertTrue(exceeded[0] == 0 || transport.isDisconnecting());
        }
    }

    @Test
    void netstringReceiverRejectsNoiseCleanly() {
        Random random = new Random(SEED + 1);
        int broken = 0;
        for (int round = 0; round < 500; round++) {
            NetstringReceiver receiver = new NetstringReceiver() {
                @Override
                protected void stringReceived(byte[] string) {
                    assertTrue(string.length <= 50);
                }
            };
            receiver.setMaxLength(50);
            StringTransport transport = new StringTransport();
            receiver.makeConnection(transport);
            feed(receiver, noise(random, 500), random, () -> { });
            if (receiver.isBroken()) {
                broken++;
                assertTrue(transport.isDisconnecting());
            }
        }
        assertTrue(broken > 400, "noise is almost never valid netstrings: " + broken);
    }

    @Test
    void lengthPrefixedReceiversStayWithinTheirLimit() {
        Random random = new Random(SEED + 2);
        for (int prefix : new int[] {1, 2, 4}) {
            for (int round = 0; round < 200; round++) {
                int[] overs = {0};
                IntNStringReceiver receiver = new IntNStringReceiver(prefix) {
                    @Override
                    protected void stringReceived(byte[] string) {
                        assertTrue(string.length <= 100);
                    }

                    @Override
                    protected void lengthLimitExceeded(long length) {
                        overs[0]++;
                        assertTrue(length > 100);
                        super.lengthLimitExceeded(length);
                    }
                };
                receiver.setMaxLength(100);
                StringTransport transport = new StringTransport();
                receiver.makeConnection(transport);
                feed(receiver, noise(random, 1000), random, () -> { });
                byte[] held = receiver.clearStringBuffer();
                assertTrue(held.length <= prefix + 100, "buffered " + held.length);
                assertTrue(overs[0] <= 1);
                assertTrue(overs[0] == 0 || transport.isDisconnecting());
            }
        }
    }

    @Test
    void tlsServerRejectsNoiseAsAHandshakeError() {
        Random random = new Random(SEED + 3);
        for (int round = 0; round < 50; round++) {
            Failure[] lost = new Failure[1];
            Protocol app = new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    throw new AssertionError("noise must not reach the application");
                }

                @Override
                public void connectionLost(Failure reason) {
                    lost[0] = reason;
                }
            };
            TlsProtocol tls = new TlsProtocol(TestCertificates.serverOptions(), app);
            StringTransport transport = new StringTransport();
            tls.makeConnection(transport);
            byte[] bytes = noise(random, 3000);
            if (round % 2 == 0) {
                bytes[0] = 0x16; // looks like a handshake record, to get past the first check
                bytes[1] = 0x03;
                bytes[2] = 0x03;
            }
            feed(tls, bytes, random, () -> { });
            transport.closeConnection(tls, true);
            assertNotNull(lost[0].check(TlsError.class), "round " + round + ": " + lost[0]);
        }
    }
}
