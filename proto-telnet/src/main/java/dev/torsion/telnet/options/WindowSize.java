package dev.torsion.telnet.options;

/**
 * A terminal's size in characters, as NAWS carries it (RFC 1073); 0 means unknown.
 *
 * @param width columns
 * @param height rows
 */
public record WindowSize(int width, int height) {
    /** Checks the range of a 16-bit field. */
    public WindowSize {
        if (width < 0 || width > 0xFFFF || height < 0 || height > 0xFFFF) {
            throw new IllegalArgumentException("window size out of range: " + width + "x" + height);
        }
    }
}
