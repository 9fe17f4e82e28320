package dev.torsion.ssh.sftp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Bytes written out by hand in tests: hex with spaces, and ASCII text in single quotes. */
final class CodecBytes {
    private CodecBytes() {
    }

    /** {@code of("00000001 'a'")} is 00 00 00 01 61. */
    static byte[] of(String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : spec.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
            if (part.startsWith("'")) {
                out.writeBytes(part.substring(1, part.length() - 1).getBytes(StandardCharsets.US_ASCII));
            } else if (!part.isEmpty()) {
                out.writeBytes(HexFormat.of().parseHex(part));
            }
        }
        return out.toByteArray();
    }
}
