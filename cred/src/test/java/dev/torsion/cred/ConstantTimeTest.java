package dev.torsion.cred;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void equalsOnlyForTheSameBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] a = new byte[random.nextInt(40)];
            random.nextBytes(a);
            assertTrue(ConstantTime.equals(a, a.clone()));
            if (a.length > 0) {
                byte[] b = a.clone();
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                assertFalse(ConstantTime.equals(a, b));
                assertFalse(ConstantTime.equals(a, Arrays.copyOf(a, a.length - 1)));
            }
        }
        assertFalse(ConstantTime.equals(null, new byte[0]));
        assertFalse(ConstantTime.equals(new byte[0], null));
    }
}
