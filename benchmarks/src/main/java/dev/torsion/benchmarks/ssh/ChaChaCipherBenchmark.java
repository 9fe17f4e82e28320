package dev.torsion.benchmarks.ssh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The two ChaCha20 implementations chacha20-poly1305@openssh.com could use, on SSH-sized packets:
 * BouncyCastle's {@code ChaChaEngine} (the baseline: the original cipher, OpenSSH's own) and the
 * JDK's {@code ChaCha20} (RFC 8439's, with the nonce 0^32 || uint64 sequence), each started anew per
 * packet as the packet cipher does, and BouncyCastle's Poly1305 for scale. MiB per second of this
 * thread's CPU time, so other load on the machine moves it little.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.ssh.ChaChaCipherBenchmark [packets] [rounds]
 * </pre>
 */
public final class ChaChaCipherBenchmark {
    private static final int PACKET = 32 * 1024 + 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ChaChaCipherBenchmark() {
    }

    private interface PerPacket {
        void run(long sequence) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] key = new byte[32];
        byte[] data = new byte[PACKET];
        byte[] out = new byte[PACKET + 16];
        Cipher jdk = Cipher.getInstance("ChaCha20");
        SecretKeySpec jdkKey = new SecretKeySpec(key, "ChaCha20");
        byte[] ietfNonce = new byte[12];
        byte[] originalNonce = new byte[8];
        Poly1305 poly = new Poly1305();
        for (int round = 0; round < rounds; round++) {
            double bouncy = rate(packets, sequence -> {
                putLong(originalNonce, 0, sequence);
                ChaChaEngine engine = new ChaChaEngine(20);
                engine.init(true, new ParametersWithIV(new KeyParameter(key), originalNonce));
                engine.processBytes(data, 0, data.length, out, 0);
            });
            double jdkRate = rate(packets, sequence -> {
                putLong(ietfNonce, 4, sequence);
                jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new ChaCha20ParameterSpec(ietfNonce, 1));
                jdk.update(data, 0, data.length, out, 0);
            });
            double mac = rate(packets, sequence -> {
                poly.init(new KeyParameter(key));
                poly.update(data, 0, data.length);
                poly.doFinal(out, 0);
            });
            System.out.printf(Locale.ROOT, "round %d: ChaCha20 MiB/s of CPU: BouncyCastle %.0f, JDK %.0f (%.2fx);"
                    + " Poly1305 (BouncyCastle) %.0f%n", round + 1, bouncy, jdkRate, jdkRate / bouncy, mac);
        }
    }

    private static double rate(int packets, PerPacket work) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < packets; i++) {
            work.run(i);
        }
        double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
        return (double) packets * PACKET / (1 << 20) / seconds;
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
