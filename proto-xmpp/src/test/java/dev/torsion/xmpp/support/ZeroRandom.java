package dev.torsion.xmpp.support;

import java.util.Arrays;
import java.util.Random;

/** A "random" source of zero bytes, so that stream ids and generated resources are predictable in tests. */
public final class ZeroRandom extends Random {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
        Arrays.fill(bytes, (byte) 0);
    }
}
