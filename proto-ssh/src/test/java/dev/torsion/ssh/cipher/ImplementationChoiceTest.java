package dev.torsion.ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The once-per-process choice: the property, a libcrypto that cannot be used, and a self-check
 * that catches a native cipher sealing other bytes, opening to other bytes or accepting a changed
 * tag, each falling back to the Java code; a native cipher that agrees is chosen.
 */
class ImplementationChoiceTest {
    private static final byte[] KEY = new byte[16];
    private static final byte[] OTHER_KEY = new byte[16];
    private static final byte[] IV = new byte[12];

    static {
        Arrays.fill(OTHER_KEY, (byte) 1);
    }

    private static ImplementationChoice choice(ImplementationChoice.Samples samples) {
        return new ImplementationChoice("test-cipher", "torsion.test.unused", "Java", Optional::empty,
                List.of(samples));
    }

    private static PacketCipher real(CipherImplementation implementation, boolean encrypting) {
        return AesGcm.create(implementation, KEY, IV, encrypting);
    }

    @Test
    void aNativeCipherThatAgreesIsChosen() {
        assertEquals(CipherImplementation.NATIVE, choice(ImplementationChoiceTest::real).choose(""));
    }

    @Test
    void jdkInThePropertyForcesJavaWithoutLookingAtLibcrypto() {
        ImplementationChoice choice = new ImplementationChoice("test-cipher", "torsion.test.unused", "Java",
                () -> fail("libcrypto looked at"), List.of((implementation, encrypting) -> fail("self-checked")));
        assertEquals(CipherImplementation.JDK, choice.choose("jdk"));
    }

    @Test
    void aLibcryptoThatCannotBeUsedFallsBack() {
        ImplementationChoice choice = new ImplementationChoice("test-cipher", "torsion.test.unused", "Java",
                () -> Optional.of("no library"), List.of((implementation, encrypting) -> fail("self-checked")));
        assertEquals(CipherImplementation.JDK, choice.choose(""));
    }

    @Test
    void aNativeCipherSealingOtherBytesFallsBack() {
        ImplementationChoice choice = choice((implementation, encrypting) -> implementation == CipherImplementation.NATIVE
                && encrypting ? AesGcm.create(implementation, OTHER_KEY, IV, true) : real(implementation, encrypting));
        assertEquals(CipherImplementation.JDK, choice.choose(""));
    }

    @Test
    void aNativeCipherRefusingGoodPacketsFallsBack() {
        ImplementationChoice choice = choice((implementation, encrypting) -> implementation == CipherImplementation.NATIVE
                && !encrypting ? AesGcm.create(implementation, OTHER_KEY, IV, false) : real(implementation, encrypting));
        assertEquals(CipherImplementation.JDK, choice.choose(""));
    }

    @Test
    void aNativeCipherAcceptingAChangedTagFallsBack() {
        ImplementationChoice choice = choice((implementation, encrypting) -> implementation == CipherImplementation.NATIVE
                && !encrypting ? new Lenient(real(implementation, false)) : real(implementation, encrypting));
        assertEquals(CipherImplementation.JDK, choice.choose(""));
    }

    @Test
    void aSelfCheckThatThrowsFallsBack() {
        ImplementationChoice choice = choice((implementation, encrypting) -> {
            if (implementation == CipherImplementation.NATIVE) {
                throw new UnsatisfiedLinkError("EVP_CipherInit_ex");
            }
            return real(implementation, encrypting);
        });
        assertEquals(CipherImplementation.JDK, choice.choose(""));
    }

    /** A receiver that opens a packet whose tag does not match as if it did. */
    private record Lenient(PacketCipher delegate) implements PacketCipher {
        @Override
        public int blockSize() {
            return delegate.blockSize();
        }

        @Override
        public int lengthFieldBytes() {
            return delegate.lengthFieldBytes();
        }

        @Override
        public boolean lengthIsAligned() {
            return delegate.lengthIsAligned();
        }

        @Override
        public int macLength() {
            return delegate.macLength();
        }

        @Override
        public long packetLength(long sequence, byte[] first) throws SshProtocolException {
            return delegate.packetLength(sequence, first);
        }

        @Override
        public byte[] open(long sequence, byte[] wire) {
            try {
                return delegate.open(sequence, wire);
            } catch (SshProtocolException e) {
                return new byte[wire.length - 4 - macLength()];
            }
        }

        @Override
        public byte[] seal(long sequence, byte[] packet) {
            return delegate.seal(sequence, packet);
        }
    }
}
