package dev.torsion.benchmarks.ssh;

import dev.torsion.ssh.cipher.AesGcm;
import dev.torsion.ssh.cipher.ChaCha20Poly1305;
import dev.torsion.ssh.cipher.CipherImplementation;
import dev.torsion.ssh.cipher.PacketCipher;
import dev.torsion.ssh.codec.SshProtocolException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The AEAD packet ciphers on both their implementations (OpenSSL's libcrypto and the JDK's code):
 * a channel-data-sized packet sealed in place by one direction's cipher and opened in place by the
 * other's, as the server and client do per packet, copies into and out of the native buffer
 * included; then sealing alone (the sender's share, a download's on the server). Prints this
 * thread's CPU milliseconds per MiB of packets sealed and opened, so other
 * load on the machine moves it little; the first round includes the JIT's compiling.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.ssh.AeadCipherBenchmark [packets] [rounds] [packet bytes]
 * </pre>
 *
 * <p>Odd rounds measure libcrypto first, even rounds the JDK first, so neither always has the
 * warmer caches.
 */
public final class AeadCipherBenchmark {
    /** A full channel data packet: length, padding length, CHANNEL_DATA header, 32 KiB, padding. */
    private static final int CHANNEL_DATA_PACKET = 4 + 1 + 9 + 32 * 1024 + 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AeadCipherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int packetBytes = args.length > 2 ? Integer.parseInt(args[2]) : CHANNEL_DATA_PACKET;
        byte[] iv = new byte[AesGcm.IV_LENGTH];
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ", packets of " + packetBytes
                    + " bytes: CPU ms per MiB sealed and opened:");
            Run run = new Run(packets, packetBytes, round % 2 == 1);
            run.measure(line, "aes128-gcm", (impl, sending) -> AesGcm.create(impl, new byte[16], iv, sending));
            run.measure(line, "aes256-gcm", (impl, sending) -> AesGcm.create(impl, new byte[32], iv, sending));
            run.measure(line, "chacha20-poly1305", (impl, sending) -> ChaCha20Poly1305.create(impl, new byte[64]));
            System.out.println(line);
        }
    }

    /** One round's measurements: how many packets of what size, and which implementation goes first. */
    private record Run(int packets, int packetBytes, boolean nativeFirst) {
        void measure(StringBuilder line, String name, BiFunction<CipherImplementation, Boolean, PacketCipher> ciphers)
                throws SshProtocolException {
            double[] both = new double[2];
            double[] sealing = new double[2];
            for (CipherImplementation implementation : nativeFirst ? List.of(CipherImplementation.NATIVE,
                    CipherImplementation.JDK) : List.of(CipherImplementation.JDK, CipherImplementation.NATIVE)) {
                int index = implementation.ordinal();
                both[index] = millisPerMiB(ciphers.apply(implementation, true), ciphers.apply(implementation, false));
                sealing[index] = millisPerMiB(ciphers.apply(implementation, true), null);
            }
            int nat = CipherImplementation.NATIVE.ordinal();
            int jdk = CipherImplementation.JDK.ordinal();
            line.append(String.format(Locale.ROOT, "%n  %s: native %.3f, JDK %.3f (%.2fx); sealing alone: native %.3f,"
                    + " JDK %.3f (%.2fx)", name, both[nat], both[jdk], both[jdk] / both[nat], sealing[nat], sealing[jdk],
                    sealing[jdk] / sealing[nat]));
        }

        /** CPU ms per MiB of packets sealed by {@code sender} and opened by {@code receiver} (null: sealed only). */
        private double millisPerMiB(PacketCipher sender, PacketCipher receiver) throws SshProtocolException {
            byte[] buffer = new byte[packetBytes + sender.macLength()];
            long start = THREADS.getCurrentThreadCpuTime();
            for (int sequence = 0; sequence < packets; sequence++) {
                // chacha20-poly1305 leaves the length field encrypted after opening: written anew each time.
                buffer[0] = (byte) ((packetBytes - 4) >>> 24);
                buffer[1] = (byte) ((packetBytes - 4) >>> 16);
                buffer[2] = (byte) ((packetBytes - 4) >>> 8);
                buffer[3] = (byte) (packetBytes - 4);
                sender.sealInPlace(sequence, buffer, packetBytes);
                if (receiver != null) {
                    receiver.openInPlace(sequence, buffer, 0, buffer.length);
                }
            }
            double millis = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
            return millis / ((double) packets * packetBytes / (1 << 20));
        }
    }
}
