package dev.torsion.integration;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.netty.TlsConnectionInfo;
import dev.torsion.tls.TlsProtocol;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One end of a bulk transfer: sends a payload once connected, digests (SHA-256) what it receives
 * and tells when the expected count has arrived, and records how the connection ended. It may
 * close the connection once it has sent its payload or once it has received everything.
 */
class TransferProbe extends Protocol {
    final CompletableFuture<TransferProbe> made = new CompletableFuture<>();
    /** The hex SHA-256 of the first {@code expected} bytes received, once they all arrived. */
    final CompletableFuture<String> receivedDigest = new CompletableFuture<>();
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    /** The TLS version of the connection when the last expected byte arrived ("none" without TLS). */
    final CompletableFuture<String> tlsVersion = new CompletableFuture<>();

    private final byte[] toSend;
    private final long expected;
    private final boolean closeWhenSent;
    private final boolean closeWhenReceived;
    private final MessageDigest digest = sha256();
    private long received;

    private TransferProbe(byte[] toSend, long expected, boolean closeWhenSent, boolean closeWhenReceived) {
        this.toSend = toSend;
        this.expected = expected;
        this.closeWhenSent = closeWhenSent;
        this.closeWhenReceived = closeWhenReceived;
    }

    /** Sends {@code payload}, expects as many bytes back (an echo), then closes. */
    static TransferProbe roundTrip(byte[] payload) {
        return new TransferProbe(payload, payload.length, false, true);
    }

    /** Sends {@code payload} and closes at once (after it has gone out). */
    static TransferProbe sendAndClose(byte[] payload) {
        return new TransferProbe(payload, 0, true, false);
    }

    /**
     * Sends {@code payload} while receiving {@code count} bytes of the peer's own; closes once they
     * all arrived when {@code closeWhenReceived}, else waits for the peer to close.
     */
    static TransferProbe exchange(byte[] payload, long count, boolean closeWhenReceived) {
        return new TransferProbe(payload, count, false, closeWhenReceived);
    }

    /** Sends nothing and waits for {@code count} bytes; the peer closes. */
    static TransferProbe receive(long count) {
        return new TransferProbe(new byte[0], count, false, false);
    }

    /** {@code size} bytes of seeded pseudo-random data. */
    static byte[] payload(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** The hex SHA-256 of {@code data}. */
    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    @Override
    public void connectionMade() {
        made.complete(this);
        if (toSend.length > 0) {
            transport().write(toSend);
        }
        if (closeWhenSent) {
            transport().loseConnection();
        }
        completeIfDone();
    }

    @Override
    public void dataReceived(byte[] data) {
        int useful = (int) Math.min(data.length, Math.max(0, expected - received));
        digest.update(data, 0, useful);
        received += data.length;
        completeIfDone();
    }

    private void completeIfDone() {
        if (expected > 0 && received >= expected && !receivedDigest.isDone()) {
            tlsVersion.complete(tlsVersionOf(transport()));
            receivedDigest.complete(HexFormat.of().formatHex(digest.digest()));
            if (closeWhenReceived) {
                transport().loseConnection();
            }
        }
    }

    private static String tlsVersionOf(Transport transport) {
        if (transport instanceof TlsProtocol core) {
            return core.protocolVersion();
        }
        if (transport instanceof TlsConnectionInfo netty && netty.isSecure()) {
            return netty.tlsSession().getProtocol();
        }
        return "none";
    }

    @Override
    public void connectionLost(Failure reason) {
        lost.complete(reason);
    }

    /** How many bytes arrived in all (more than expected means the peer sent too much). */
    long receivedCount() {
        return received;
    }

    /** Waits for the end of the connection. */
    Failure awaitLost() throws Exception {
        return lost.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for every expected byte and returns their digest. */
    String awaitDigest() throws Exception {
        return receivedDigest.get(ReactorThread.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
