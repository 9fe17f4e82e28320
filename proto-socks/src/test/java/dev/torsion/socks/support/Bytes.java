package dev.torsion.socks.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds test input from unsigned byte values and ASCII strings. */
public final class Bytes {
    private Bytes() {
    }

    /** The bytes of each part: an Integer is one byte (0..255), a String its ASCII, a byte[] itself. */
    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer value) {
                out.write(value);
            } else if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.writeBytes((byte[]) part);
            }
        }
        return out.toByteArray();
    }

    /** {@code count} copies of {@code value}. */
    public static byte[] repeat(int value, int count) {
        byte[] out = new byte[count];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
