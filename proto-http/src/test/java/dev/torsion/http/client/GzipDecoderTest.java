package dev.torsion.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipDecoderTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] decode(byte[] compressed, int step, long max) throws IOException {
        GzipDecoder decoder = new GzipDecoder(max);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < compressed.length; at += step) {
            out.writeBytes(decoder.decode(Arrays.copyOfRange(compressed, at, Math.min(compressed.length, at + step))));
        }
        decoder.finish();
        return out.toByteArray();
    }

    @Test
    void decodesInPiecesOfAnySize() throws IOException {
        byte[] data = new byte[50_000];
        Random random = new Random(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + random.nextInt(4));
        }
        byte[] compressed = gzip(data);
        for (int step : new int[] {1, 2, 3, 7, 10, 11, 64, 1000, compressed.length}) {
            assertArrayEquals(data, decode(compressed, step, Long.MAX_VALUE), "step " + step);
        }
    }

    @Test
    void refusesBombsCorruptionAndTruncation() throws IOException {
        byte[] zeros = gzip(new byte[10_000_000]);
        assertThrows(IOException.class, () -> decode(zeros, 4096, 1_000_000));
        byte[] corrupt = gzip("hello hello hello".getBytes());
        corrupt[corrupt.length - 6] ^= 1;
        assertThrows(IOException.class, () -> decode(corrupt, 5, Long.MAX_VALUE));
        byte[] whole = gzip("hello".getBytes());
        assertThrows(IOException.class, () -> decode(Arrays.copyOf(whole, whole.length - 3), 5, Long.MAX_VALUE));
        assertThrows(IOException.class, () -> decode("not gzip at all".getBytes(), 5, Long.MAX_VALUE));
    }
}
