package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choice between {@link CipherImplementation#NATIVE} and {@link CipherImplementation#JDK} for
 * one cipher, made by its class once per process and logged (at debug, or a warning when libcrypto
 * loads but computes otherwise).
 *
 * <p>libcrypto is chosen when it can be used and passes a self-check against the Java code: with
 * each sample key, both seal two packets in a row to the same bytes, a native receiver opens the
 * Java code's packets, and refuses one with a changed tag. So a libcrypto that behaves otherwise
 * falls back rather than breaking connections. A system property set to {@code jdk} forces the Java
 * code.
 */
final class ImplementationChoice {
    private static final Logger log = LoggerFactory.getLogger(ImplementationChoice.class);

    private final String algorithm;
    private final String property;
    private final String javaCode;
    private final Supplier<Optional<String>> nativeUnavailable;
    private final List<Samples> samples;

    /**
     * Ciphers of one direction with a fixed sample key, for the self-check: the sending side when
     * {@code encrypting}, else the receiving one.
     */
    @FunctionalInterface
    interface Samples {
        PacketCipher create(CipherImplementation implementation, boolean encrypting);
    }

    /**
     * The choice for {@code algorithm} (as logged), forced to Java by {@code property}={@code jdk};
     * {@code javaCode} names the fallback in the log line, {@code nativeUnavailable} says why
     * libcrypto cannot be used (empty when it can).
     */
    ImplementationChoice(String algorithm, String property, String javaCode,
            Supplier<Optional<String>> nativeUnavailable, List<Samples> samples) {
        this.algorithm = algorithm;
        this.property = property;
        this.javaCode = javaCode;
        this.nativeUnavailable = nativeUnavailable;
        this.samples = List.copyOf(samples);
    }

    /** Chooses by the system property and what libcrypto does. */
    CipherImplementation choose() {
        return choose(System.getProperty(property, ""));
    }

    /** Chooses as {@link #choose()} with {@code propertyValue} as the property's value. */
    CipherImplementation choose(String propertyValue) {
        if ("jdk".equals(propertyValue.toLowerCase(Locale.ROOT))) {
            log.debug("{}: {} ({}=jdk)", algorithm, javaCode, property);
            return CipherImplementation.JDK;
        }
        Optional<String> unavailable = nativeUnavailable.get();
        if (unavailable.isPresent()) {
            log.debug("{}: {} (OpenSSL's libcrypto cannot be used: {})", algorithm, javaCode, unavailable.get());
            return CipherImplementation.JDK;
        }
        Optional<String> wrong = selfCheck();
        if (wrong.isPresent()) {
            // A libcrypto that loads but computes otherwise is worth a look, hence the warning.
            log.warn("{}: {} (OpenSSL's libcrypto not used: {})", algorithm, javaCode, wrong.get());
            return CipherImplementation.JDK;
        }
        log.debug("{}: OpenSSL's libcrypto", algorithm);
        return CipherImplementation.NATIVE;
    }

    /** The reason not to use libcrypto, if any. */
    private Optional<String> selfCheck() {
        try {
            for (Samples sample : samples) {
                Optional<String> wrong = selfCheck(sample);
                if (wrong.isPresent()) {
                    return wrong;
                }
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("the self-check failed: " + e);
        }
    }

    private static Optional<String> selfCheck(Samples sample) {
        byte[] packet = new byte[4 + 1 + 200 + 11];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) (i * 13);
        }
        Bytes.putUint32(packet, 0, packet.length - 4);
        byte[] plain = Arrays.copyOfRange(packet, 4, packet.length);
        PacketCipher javaSender = sample.create(CipherImplementation.JDK, true);
        PacketCipher nativeSender = sample.create(CipherImplementation.NATIVE, true);
        PacketCipher nativeReceiver = sample.create(CipherImplementation.NATIVE, false);
        byte[] first = null;
        // Two packets: the second shows the per-packet state (sequence number, GCM counter) moving on.
        for (long sequence = 0x1_0000_0003L; sequence < 0x1_0000_0005L; sequence++) {
            byte[] expected = javaSender.seal(sequence, packet);
            if (!Arrays.equals(expected, nativeSender.seal(sequence, packet))) {
                return Optional.of("its packet differs from the Java code's");
            }
            try {
                if (!Arrays.equals(plain, nativeReceiver.open(sequence, expected))) {
                    return Optional.of("it opens the Java code's packet to other bytes");
                }
            } catch (SshProtocolException e) {
                return Optional.of("it refuses the Java code's packet: " + e.getMessage());
            }
            first = first == null ? expected : first;
        }
        first[first.length - 1] ^= 1;
        try {
            sample.create(CipherImplementation.NATIVE, false).open(0x1_0000_0003L, first);
            return Optional.of("it accepts a packet whose tag was changed");
        } catch (SshProtocolException expectedRefusal) {
            return Optional.empty();
        }
    }
}
