package dev.torsion.telnet.options;

import java.util.Optional;

/** NAWS, "Negotiate About Window Size" (RFC 1073): IAC SB NAWS WIDTH[2] HEIGHT[2] IAC SE. */
public final class Naws {
    private Naws() {
    }

    /**
     * The size carried by NAWS parameters (already unescaped), or empty when they are not exactly
     * four bytes (RFC 1073 section 2: two 16-bit values, high byte first).
     */
    public static Optional<WindowSize> decode(byte[] parameters) {
        if (parameters.length != 4) {
            return Optional.empty();
        }
        int width = (parameters[0] & 0xFF) << 8 | (parameters[1] & 0xFF);
        int height = (parameters[2] & 0xFF) << 8 | (parameters[3] & 0xFF);
        return Optional.of(new WindowSize(width, height));
    }

    /** The parameters for {@code size} (the encoder doubles any 255). */
    public static byte[] encode(WindowSize size) {
        return new byte[] {(byte) (size.width() >> 8), (byte) size.width(),
                (byte) (size.height() >> 8), (byte) size.height()};
    }
}
