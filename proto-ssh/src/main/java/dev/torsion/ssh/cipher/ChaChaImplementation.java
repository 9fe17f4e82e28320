package dev.torsion.ssh.cipher;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which code computes {@code chacha20-poly1305@openssh.com}: chosen once per process, the first time
 * a cipher is made, and logged at debug.
 *
 * <p>OpenSSL's libcrypto is chosen when it loads, has ChaCha20 and POLY1305, and seals a packet to
 * the same bytes as the Java code (a self-check, so a libcrypto that behaves otherwise falls back
 * rather than breaking connections). The system property {@value #PROPERTY}{@code =jdk} forces the
 * Java code.
 */
public enum ChaChaImplementation {
    /** OpenSSL's libcrypto through JNA. */
    NATIVE,
    /** The JDK's ChaCha20 and BouncyCastle's Poly1305. */
    JDK;

    /** The system property that forces {@link #JDK} with the value {@code jdk}. */
    public static final String PROPERTY = "torsion.ssh.chacha20";
    private static final Logger log = LoggerFactory.getLogger(ChaChaImplementation.class);

    /** The implementation this process uses. */
    public static ChaChaImplementation selected() {
        return Selection.SELECTED;
    }

    PacketCipher create(byte[] key) {
        return this == NATIVE ? new NativeChaCha20Poly1305(key) : new JdkChaCha20Poly1305(key);
    }

    /** Holds the choice, made when first asked for. */
    private static final class Selection {
        static final ChaChaImplementation SELECTED = choose();

        private static ChaChaImplementation choose() {
            if ("jdk".equals(System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT))) {
                log.debug("chacha20-poly1305@openssh.com: the JDK's ChaCha20 and BouncyCastle's Poly1305 ({}=jdk)",
                        PROPERTY);
                return JDK;
            }
            Optional<String> unavailable = NativeChaCha20Poly1305.unavailable();
            if (unavailable.isPresent()) {
                log.debug("chacha20-poly1305@openssh.com: the JDK's ChaCha20 and BouncyCastle's Poly1305"
                        + " (OpenSSL's libcrypto cannot be used: {})", unavailable.get());
                return JDK;
            }
            Optional<String> wrong = selfCheck();
            if (wrong.isPresent()) {
                // A libcrypto that loads but computes otherwise is worth a look, hence the warning.
                log.warn("chacha20-poly1305@openssh.com: the JDK's ChaCha20 and BouncyCastle's Poly1305"
                        + " (OpenSSL's libcrypto not used: {})", wrong.get());
                return JDK;
            }
            log.debug("chacha20-poly1305@openssh.com: OpenSSL's libcrypto");
            return NATIVE;
        }

        /** Seals one packet with both implementations: the reason not to use libcrypto, if any. */
        private static Optional<String> selfCheck() {
            try {
                byte[] key = new byte[ChaCha20Poly1305.KEY_LENGTH];
                byte[] packet = new byte[4 + 1 + 200 + 11];
                for (int i = 0; i < key.length; i++) {
                    key[i] = (byte) (i * 7 + 1);
                }
                for (int i = 0; i < packet.length; i++) {
                    packet[i] = (byte) (i * 13);
                }
                long sequence = 0x1_0000_0003L;
                byte[] expected = new JdkChaCha20Poly1305(key).seal(sequence, packet);
                byte[] actual = new NativeChaCha20Poly1305(key).seal(sequence, packet);
                return Arrays.equals(expected, actual) ? Optional.empty()
                        : Optional.of("its packet differs from the Java code's");
            } catch (RuntimeException | LinkageError e) {
                return Optional.of("the self-check failed: " + e);
            }
        }
    }
}
