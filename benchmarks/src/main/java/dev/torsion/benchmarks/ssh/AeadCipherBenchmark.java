package dev.torsion.benchmarks.ssh;

import dev.torsion.ssh.cipher.AesGcm;
import dev.torsion.ssh.cipher.ChaCha20Poly1305;
import dev.torsion.ssh.cipher.CipherImplementation;
import dev.torsion.ssh.cipher.PacketCipher;
import dev.torsion.ssh.codec.SshProtocolException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.ssh.AeadCipherBenchmark [packets] [rounds]
 * </pre>
 */
public final class AeadCipherBenchmark {
    private static final int PACKET = 4 + 1 + 9 + 32 * 1024 + 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AeadCipherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] iv = new byte[AesGcm.IV_LENGTH];
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ": CPU ms per MiB sealed and opened:");
            measure(line, "aes128-gcm", packets, (impl, sending) -> AesGcm.create(impl, new byte[16], iv, sending));
            measure(line, "aes256-gcm", packets, (impl, sending) -> AesGcm.create(impl, new byte[32], iv, sending));
            measure(line, "chacha20-poly1305", packets, (impl, sending) -> ChaCha20Poly1305.create(impl, new byte[64]));
            System.out.println(line);
        }
    }

    private static void measure(StringBuilder line, String name, int packets,
            BiFunction<CipherImplementation, Boolean, PacketCipher> ciphers) throws SshProtocolException {
        double nativeMs = millisPerMiB(packets, ciphers.apply(CipherImplementation.NATIVE, true),
                ciphers.apply(CipherImplementation.NATIVE, false));
        double jdkMs = millisPerMiB(packets, ciphers.apply(CipherImplementation.JDK, true),
                ciphers.apply(CipherImplementation.JDK, false));
        double nativeSeal = millisPerMiB(packets, ciphers.apply(CipherImplementation.NATIVE, true), null);
        double jdkSeal = millisPerMiB(packets, ciphers.apply(CipherImplementation.JDK, true), null);
        line.append(String.format(Locale.ROOT, "%n  %s: native %.3f, JDK %.3f (%.2fx); sealing alone: native %.3f,"
                + " JDK %.3f (%.2fx)", name, nativeMs, jdkMs, jdkMs / nativeMs, nativeSeal, jdkSeal, jdkSeal / nativeSeal));
    }

    /** CPU ms per MiB of packets sealed by {@code sender} and opened by {@code receiver} (null: sealed only). */
    private static double millisPerMiB(int packets, PacketCipher sender, PacketCipher receiver)
            throws SshProtocolException {
        byte[] buffer = new byte[PACKET + sender.macLength()];
        long start = THREADS.getCurrentThreadCpuTime();
        for (int sequence = 0; sequence < packets; sequence++) {
            // chacha20-poly1305 leaves the length field encrypted after opening: written anew each time.
            buffer[0] = 0;
            buffer[1] = 0;
            buffer[2] = (byte) ((PACKET - 4) >>> 8);
            buffer[3] = (byte) (PACKET - 4);
            sender.sealInPlace(sequence, buffer, PACKET);
            if (receiver != null) {
                receiver.openInPlace(sequence, buffer, 0, buffer.length);
            }
        }
        double millis = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        return millis / ((double) packets * PACKET / (1 << 20));
    }
}
