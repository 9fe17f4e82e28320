package dev.torsion.telnet.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds and splits byte arrays for the tests. */
public final class Bytes {
    private Bytes() {
    }

    /** Bytes from ints (0..255) and strings (ASCII), in order. */
    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer i) {
                out.write(i);
            } else if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                throw new IllegalArgumentException(String.valueOf(part));
            }
        }
        return out.toByteArray();
    }

    /** {@code count} copies of {@code unit}. */
    public static byte[] repeat(byte[] unit, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /** Every way to deliver {@code input}: whole, one byte at a time, and cut in two at each point. */
    public static List<List<byte[]>> deliveries(byte[] input) {
        List<List<byte[]>> all = new ArrayList<>(wholeAndByteByByte(input));
        for (int cut = 1; cut < input.length; cut++) {
            all.add(List.of(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length)));
        }
        return all;
    }

    /** As {@link #deliveries}, but only whole and byte by byte (for long inputs). */
    public static List<List<byte[]>> wholeAndByteByByte(byte[] input) {
        List<byte[]> single = new ArrayList<>();
        for (byte b : input) {
            single.add(new byte[] {b});
        }
        return List.of(List.of(input), single);
    }

    /** Text of bytes as ISO-8859-1. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
